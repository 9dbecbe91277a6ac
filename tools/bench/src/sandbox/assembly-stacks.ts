import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from '../errors';

export interface AssemblyStack {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly templateFile: string;
  readonly assemblyDir: string;
}

interface Manifest {
  artifacts?: Record<
    string,
    { type?: string; environment?: string; properties?: { templateFile?: string; stackName?: string } }
  >;
}

/** The CloudFormation stacks of a synthesized cloud assembly (cdk.out), read from its manifest. */
export function assemblyStacks(assemblyDir: string): AssemblyStack[] {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (cause) {
    throw new BenchError(
      'MissingArtifact',
      `${assemblyDir}/manifest.json is missing or unreadable; synthesize first with \`npx nx run-many -t synth\``,
      { cause },
    );
  }
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const env = /^aws:\/\/(\d{12})\/([a-z0-9-]+)$/.exec(artifact.environment ?? '');
    const templateFile = artifact.properties?.templateFile;
    if (!env || !templateFile) {
      throw new BenchError(
        'MissingArtifact',
        `stack ${id} in ${assemblyDir} has no concrete account/region or template`,
      );
    }
    stacks.push({
      stackName: artifact.properties?.stackName ?? id,
      account: env[1] ?? '',
      region: env[2] ?? '',
      templateFile: join(assemblyDir, templateFile),
      assemblyDir,
    });
  }
  if (stacks.length === 0) throw new BenchError('MissingArtifact', `${assemblyDir} holds no CloudFormation stack`);
  return stacks;
}
