// `nx build reader` runs this after the bundle: `tsx write-openapi.ts <file>` writes the read API's OpenAPI document.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readApiOpenApi } from './read-api-openapi';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: write-openapi <output file>, e.g. dist/apps/reader/openapi.json');
  process.exit(2);
}
mkdirSync(dirname(resolve(file)), { recursive: true });
writeFileSync(file, `${JSON.stringify(readApiOpenApi(), null, 2)}\n`);
console.log(`wrote ${file}`);
