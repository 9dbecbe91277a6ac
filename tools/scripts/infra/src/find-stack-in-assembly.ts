import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfraError } from './errors';

export interface AssemblyStack {
  readonly stackName: string;
  /** What the CDK CLI selects stacks by: the construct path (`Target`), not the CloudFormation name. */
  readonly selector: string;
  /** Absolute path of the synthesized template. */
  readonly templatePath: string;
  /** `aws://<account>/<region>`. */
  readonly environment: string;
}

interface Manifest {
  readonly artifacts?: Record<
    string,
    {
      type: string;
      environment?: string;
      displayName?: string;
      properties?: { templateFile?: string; stackName?: string };
    }
  >;
}

/**
 * Finds `stackName` in the cloud assembly at `assemblyDir`. `synthCommand` is what the error tells the user
 * to run when the assembly is missing or was synthesized for another stage.
 */
export function findStackInAssembly(assemblyDir: string, stackName: string, synthCommand: string): AssemblyStack {
  const manifestPath = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new InfraError(
      'ASSEMBLY_MISSING',
      `no synthesized assembly at ${assemblyDir}: run \`${synthCommand}\` first`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const stacks = Object.entries(manifest.artifacts ?? {}).filter(([, a]) => a.type === 'aws:cloudformation:stack');
  const found = stacks.find(([id, a]) => (a.properties?.stackName ?? id) === stackName);
  if (!found) {
    const names = stacks.map(([id, a]) => a.properties?.stackName ?? id).join(', ') || '(none)';
    throw new InfraError(
      'STACK_NOT_IN_ASSEMBLY',
      `${assemblyDir} holds ${names}, not ${stackName}: it was synthesized for another stage; run \`${synthCommand}\``,
    );
  }
  const [id, artifact] = found;
  return {
    stackName,
    selector: artifact.displayName ?? id,
    templatePath: join(assemblyDir, artifact.properties?.templateFile ?? `${id}.template.json`),
    environment: artifact.environment ?? '',
  };
}
