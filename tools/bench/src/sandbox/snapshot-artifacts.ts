import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BenchError } from '../errors';

export interface ArtifactSnapshot {
  /** dist/tools/bench/snapshot: everything the run uses, copied at its start. */
  readonly dir: string;
  readonly targetAssembly: string;
  readonly sourceAssembly: string;
  /** The reader bundle exactly as deployed: the source assembly's Lambda asset. */
  readonly readerBundle: string;
  readonly classicBundle: string;
}

interface TemplateResource {
  Type?: string;
  Properties?: { Handler?: string };
  Metadata?: Record<string, unknown>;
}

function copy(from: string, to: string, how: string): string {
  if (!existsSync(from)) {
    throw new BenchError(
      'MissingArtifact',
      `${from} is missing; build it first with \`${how}\` (npm run bench does this)`,
    );
  }
  cpSync(from, to, { recursive: true });
  return to;
}

/** The file of the reader's Lambda asset (`aws:asset:path` + the module of `Handler`) in a source assembly. */
function readerAsset(assemblyDir: string): string {
  const manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type?: string; properties?: { templateFile?: string } }>;
  };
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    const file = artifact.properties?.templateFile;
    if (artifact.type !== 'aws:cloudformation:stack' || !file) continue;
    const template = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as {
      Resources?: Record<string, TemplateResource>;
    };
    for (const resource of Object.values(template.Resources ?? {})) {
      const assetPath = resource.Metadata?.['aws:asset:path'];
      const handler = resource.Properties?.Handler;
      if (resource.Type === 'AWS::Lambda::Function' && typeof assetPath === 'string' && handler) {
        return join(assemblyDir, assetPath, `${handler.slice(0, handler.lastIndexOf('.'))}.mjs`);
      }
    }
  }
  throw new BenchError('MissingArtifact', `${assemblyDir} has no Lambda function with a bundled asset`);
}

/**
 * Copies what the bench measures into dist/tools/bench/snapshot before starting: other builds in the same
 * workspace (nx build reader deletes its output first) must not swap or remove a bundle in the middle of a run.
 */
export function snapshotArtifacts(workspaceRoot: string): ArtifactSnapshot {
  const dir = resolve(workspaceRoot, 'dist/tools/bench/snapshot');
  rmSync(dir, { recursive: true, force: true });
  const synth = 'npx nx run-many -t synth';
  const targetAssembly = copy(
    resolve(workspaceRoot, 'dist/apps/target-infra/cdk.out'),
    join(dir, 'target-infra.cdk.out'),
    synth,
  );
  const sourceAssembly = copy(
    resolve(workspaceRoot, 'dist/apps/source-infra/cdk.out'),
    join(dir, 'source-infra.cdk.out'),
    synth,
  );
  const classicBundle = copy(
    resolve(workspaceRoot, 'dist/tools/bench/classic/main.mjs'),
    join(dir, 'classic/main.mjs'),
    'npx nx run bench:build-classic',
  );
  const readerBundle = readerAsset(sourceAssembly);
  if (!existsSync(readerBundle))
    throw new BenchError('MissingArtifact', `${readerBundle} (the reader asset) is missing; re-run synth`);
  return { dir, targetAssembly, sourceAssembly, readerBundle, classicBundle };
}
