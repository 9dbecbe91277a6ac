import { join } from 'node:path';
import { runCdkApp } from '@xacct/infra-common';
import { BenchError } from '../errors';

/** Both apps' cloud assemblies of one stage. */
export interface StageAssemblies {
  readonly targetAssembly: string;
  readonly sourceAssembly: string;
}

/**
 * Synthesizes both infra apps for a stage other than `local` into `dir`, through their real entry points (cdk.json's
 * context, cdk-nag included), side by side. `nx synth` writes every stage to the same dist/apps/<app>/cdk.out, so the
 * bench's second stage gets assemblies of its own here; the reader asset is the same `nx build reader` bundle.
 */
export async function synthStageAssemblies(
  workspaceRoot: string,
  stageName: string,
  dir: string,
): Promise<StageAssemblies> {
  const synth = async (app: 'target-infra' | 'source-infra') => {
    const outdir = join(dir, `${stageName}.${app}.cdk.out`);
    const { code, stderr } = await runCdkApp({ workspaceRoot, app, outdir, context: { stage: stageName } });
    if (code !== 0) {
      throw new BenchError(
        'MissingArtifact',
        `${app} did not synthesize stage ${stageName} (exit ${code}): ${stderr.trim().split('\n').slice(-5).join(' ')}; try \`npx nx synth ${app} --stage ${stageName}\``,
      );
    }
    return outdir;
  };
  const [targetAssembly, sourceAssembly] = await Promise.all([synth('target-infra'), synth('source-infra')]);
  return { targetAssembly, sourceAssembly };
}
