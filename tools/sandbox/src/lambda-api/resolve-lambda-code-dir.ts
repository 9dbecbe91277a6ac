import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TemplateError } from '../errors';
import type { ResourceContext } from '../cfn/resource-handler';

interface AssetManifest {
  files?: Record<string, { source?: { path?: string }; destinations?: Record<string, { objectKey?: string }> }>;
}

/**
 * The directory holding a function's code. The sandbox has no S3: `Code.S3Key` is looked up in the cloud
 * assembly's asset manifests (`*.assets.json`, the same map `cdk deploy` publishes from), whose directory
 * asset is the code as CDK staged it. Inline `ZipFile` code is written to a file `index.js`.
 */
export function resolveLambdaCodeDir(code: unknown, functionName: string, context: ResourceContext): string {
  const props = (code ?? {}) as Record<string, unknown>;
  if (typeof props['ZipFile'] === 'string') {
    const dir = join(
      context.sandbox.dataDir ?? tmpdir(),
      'sandbox-lambda-inline',
      `${context.accountId}-${functionName}`,
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js'), props['ZipFile']);
    // Inline code is CommonJS in Lambda, whatever package.json the data directory happens to sit under.
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}\n');
    return dir;
  }
  if (props['ImageUri'] !== undefined) {
    throw new TemplateError(
      `${context.logicalId}: container image functions (Code.ImageUri) are not emulated; use a zip/directory asset.`,
    );
  }
  const key = props['S3Key'];
  if (typeof key !== 'string') {
    throw new TemplateError(`${context.logicalId}: Code needs S3Bucket/S3Key (a CDK asset) or ZipFile.`);
  }
  const assemblyDir = context.assemblyDir;
  if (assemblyDir === undefined) {
    throw new TemplateError(
      `${context.logicalId}: Code is the S3 object ${key}; the sandbox has no S3 and reads the code from the cloud assembly. Deploy the template from its cdk.out (give the assembly directory).`,
    );
  }
  for (const file of readdirSync(assemblyDir).filter((name) => name.endsWith('.assets.json'))) {
    const manifest = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as AssetManifest;
    for (const asset of Object.values(manifest.files ?? {})) {
      const matches = Object.values(asset.destinations ?? {}).some((destination) => destination.objectKey === key);
      if (!matches || asset.source?.path === undefined) continue;
      const path = resolve(assemblyDir, asset.source.path);
      if (!existsSync(path)) {
        throw new TemplateError(
          `${context.logicalId}: the asset ${path} is missing: synthesize again (e.g. \`npx nx synth source-infra\`).`,
        );
      }
      if (!statSync(path).isDirectory()) {
        throw new TemplateError(
          `${context.logicalId}: the asset ${path} is a file; the sandbox runs directory assets (Code.fromAsset(<dir>)) only.`,
        );
      }
      return path;
    }
  }
  throw new TemplateError(
    `${context.logicalId}: no asset of the cloud assembly ${assemblyDir} is published as ${key}; synthesize again.`,
  );
}
