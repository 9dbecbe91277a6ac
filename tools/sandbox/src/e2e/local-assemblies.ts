import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Stage } from '@xacct/config';

const ROOT = resolve(import.meta.dirname, '../../../..');

interface Manifest {
  artifacts?: Record<string, { type?: string; environment?: string; properties?: { templateFile?: string } }>;
}

/** One synthesized stack: its template file and the cloud assembly directory (for the Lambda asset). */
export interface AssemblyStack {
  template: string;
  assemblyDir: string;
}

/**
 * The synthesized stacks of both infra apps in dist/apps/<app>/cdk.out (the sandbox `test` target depends
 * on their `synth`), checked to be synthesized for the stage's accounts: the output is shared by every stage.
 */
export function localAssemblies(stage: Stage): { target: AssemblyStack; source: AssemblyStack } {
  return {
    target: stackOf('target-infra', `aws://${stage.target.accountId}/${stage.target.region}`),
    source: stackOf('source-infra', `aws://${stage.source.accountId}/${stage.source.region}`),
  };
}

function stackOf(app: string, environment: string): AssemblyStack {
  const assemblyDir = join(ROOT, 'dist/apps', app, 'cdk.out');
  const fix = `run \`npx nx run-many -t synth -p target-infra,source-infra --stage local\` (\`npx nx test sandbox\` does it).`;
  const manifestPath = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: ${fix}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const stack = Object.values(manifest.artifacts ?? {}).find(
    (artifact) => artifact.type === 'aws:cloudformation:stack' && artifact.environment === environment,
  );
  const templateFile = stack?.properties?.templateFile;
  if (templateFile === undefined)
    throw new Error(`${assemblyDir} holds no stack for ${environment} (another stage was synthesized?): ${fix}`);
  return { template: join(assemblyDir, templateFile), assemblyDir };
}
