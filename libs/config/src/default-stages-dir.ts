import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * `$XACCT_STAGES_DIR` when set (tests synthesize stages of their own), else `config/stages` under the nearest
 * ancestor of the working directory that has an `nx.json`.
 */
export function defaultStagesDir(): string {
  const fromEnv = process.env['XACCT_STAGES_DIR'];
  if (fromEnv) return fromEnv;
  let dir = process.cwd();
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve('config/stages');
    dir = parent;
  }
  return join(dir, 'config/stages');
}
