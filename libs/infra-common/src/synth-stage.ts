import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StageInput } from '@xacct/config';
import { runCdkApp } from './run-cdk-app';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A synthesized stack: its template file and the cloud assembly holding its assets. */
export interface SynthesizedStack {
  readonly template: string;
  readonly assemblyDir: string;
}

/**
 * Synthesizes one infra app through its real entry point for a stage document of the test's own (written under
 * `workDir` and passed as XACCT_STAGES_DIR), e.g. a phase of a mode switch, which ships as no stage file.
 */
export async function synthStage(
  stage: StageInput,
  side: 'target' | 'source',
  workDir: string,
): Promise<SynthesizedStack> {
  const dir = join(workDir, `${side}-${Math.random().toString(36).slice(2, 10)}`);
  const stagesDir = join(dir, 'stages');
  mkdirSync(stagesDir, { recursive: true });
  writeFileSync(join(stagesDir, `${stage.name}.json`), JSON.stringify(stage));
  const outdir = join(dir, 'cdk.out');
  const { code, stderr } = await runCdkApp({
    workspaceRoot: ROOT,
    app: `${side}-infra`,
    outdir,
    context: { stage: stage.name },
    env: { XACCT_STAGES_DIR: stagesDir },
  });
  if (code !== 0) throw new Error(`${side}-infra did not synthesize ${stage.name} (exit ${code}): ${stderr}`);
  return { template: join(outdir, `${side === 'target' ? 'Target' : 'Source'}.template.json`), assemblyDir: outdir };
}
