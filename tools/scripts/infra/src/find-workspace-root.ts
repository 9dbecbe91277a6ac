import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest ancestor of `from` holding nx.json. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
  return dir;
}
