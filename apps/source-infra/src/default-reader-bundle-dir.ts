import { resolve } from 'node:path';

/** Where `nx build reader` writes the Lambda bundle (main.mjs exporting `handler`). */
export function defaultReaderBundleDir(): string {
  return resolve(import.meta.dirname, '../../../dist/apps/reader');
}
