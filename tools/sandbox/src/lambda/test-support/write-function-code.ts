import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `files` (name -> source) into a fresh temp directory and returns it, as a Lambda asset dir. */
export function writeFunctionCode(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-lambda-'));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  return dir;
}
