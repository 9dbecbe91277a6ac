import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

/** The `alias` of the reader's esbuild options (e.g. the SDK credential-chain stub), so both variants run the same code. */
function readerAliases(workspaceRoot: string): Record<string, string> {
  const project = JSON.parse(readFileSync(resolve(workspaceRoot, 'apps/reader/project.json'), 'utf8')) as {
    targets?: { bundle?: { options?: { esbuildOptions?: { alias?: Record<string, string> } } } };
  };
  const alias = project.targets?.bundle?.options?.esbuildOptions?.alias ?? {};
  return Object.fromEntries(Object.entries(alias).map(([from, to]) => [from, resolve(workspaceRoot, to)]));
}

/**
 * The reader's own code bundled like `nx build reader` (minified ESM, workspace libs inlined, the same aliases) but
 * with every npm package left external, so at run time Node loads the AWS SDK file by file from node_modules. The
 * output sits under the workspace so those imports resolve to its node_modules. Comparing this with the real bundle
 * isolates what bundling buys at cold start.
 */
export async function buildUnbundledReader(workspaceRoot: string): Promise<string> {
  const outfile = resolve(workspaceRoot, 'dist/tools/bench/reader-unbundled/main.mjs');
  await build({
    entryPoints: [resolve(workspaceRoot, 'apps/reader/src/main.ts')],
    tsconfig: resolve(workspaceRoot, 'apps/reader/tsconfig.app.json'),
    outfile,
    bundle: true,
    packages: 'external',
    alias: readerAliases(workspaceRoot),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  return outfile;
}
