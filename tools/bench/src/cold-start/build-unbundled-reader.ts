import { build } from 'esbuild';
import { resolve } from 'node:path';

/**
 * The reader's own code bundled exactly like `nx build reader` (minified ESM, workspace libs inlined) but with every
 * npm package left external, so at run time Node loads the AWS SDK file by file from node_modules. The output sits
 * under the workspace so those imports resolve to its node_modules. Comparing this with the real bundle isolates
 * what bundling buys at cold start.
 */
export async function buildUnbundledReader(workspaceRoot: string): Promise<string> {
  const outfile = resolve(workspaceRoot, 'dist/tools/bench/reader-unbundled/main.mjs');
  await build({
    entryPoints: [resolve(workspaceRoot, 'apps/reader/src/main.ts')],
    tsconfig: resolve(workspaceRoot, 'apps/reader/tsconfig.app.json'),
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  return outfile;
}
