import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = resolve(import.meta.dirname, '..');
const readJson = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

/** The module specifiers the published source imports (tests and test support are not published). */
function publishedImports(): Array<{ file: string; specifier: string }> {
  const dir = join(LIB, 'src');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((match) => ({
        file,
        specifier: match[1] ?? '',
      })),
    );
}

describe('@xacct/reader-client is publishable', () => {
  const pkg = readJson(join(LIB, 'package.json'));
  const root = readJson(join(LIB, '../../package.json'));

  it('imports only node:, its own files (with .js, for Node ESM) and its declared dependencies', () => {
    const declared = Object.keys(pkg.dependencies ?? {});

    const wrong = publishedImports().filter(
      ({ specifier }) =>
        !specifier.startsWith('node:') &&
        !(specifier.startsWith('./') && specifier.endsWith('.js')) &&
        !declared.includes(specifier),
    );

    expect(wrong).toEqual([]);
  });

  it('pins each dependency to the exact version the workspace installs; no workspace lib, no CDK', () => {
    const versions = { ...root.devDependencies, ...root.dependencies };

    for (const [name, version] of Object.entries(pkg.dependencies ?? {})) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(version, name).toBe(versions[name]);
      expect(name).not.toMatch(/^@xacct\/|^aws-cdk-lib|^constructs$/);
    }
  });
});
