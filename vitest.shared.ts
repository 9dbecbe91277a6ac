import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/** The `paths` of tsconfig.base.json as Vite aliases, so tests import libs exactly as the code does. */
function workspaceAliases(): Record<string, string> {
  const base = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(base.compilerOptions.paths).map(([name, [target]]) => [name, resolve(root, target ?? '')]),
  );
}

/**
 * V8 coverage for a project's source (tests and test support excluded) that fails its test target below 95 % of
 * lines and 90 % of branches. Pass as `coverage` in the overrides of `projectTestConfig`.
 */
export const coverageGate = {
  enabled: true,
  provider: 'v8',
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.spec.ts', 'src/**/test-support/**', 'src/**/*.d.ts'],
  reporter: ['text-summary'],
  reportsDirectory: 'coverage',
  thresholds: { lines: 95, branches: 90 },
} satisfies NonNullable<ViteUserConfig['test']>['coverage'];

/** Shared Vitest settings for every project; each project's vitest.config.ts spreads this. */
export function projectTestConfig(projectRoot: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return {
    root: projectRoot,
    cacheDir: resolve(root, 'node_modules/.vite', projectRoot.slice(root.length)),
    resolve: { alias: workspaceAliases() },
    test: {
      environment: 'node',
      include: ['src/**/*.spec.ts'],
      // The JSON report feeds the `N passed, M failed` line of .ci/run.
      reporters: [
        'default',
        ['json', { outputFile: resolve(root, 'dist/test-results', `${basename(projectRoot)}.json`) }],
      ],
      env: {
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // A CDK App built in a test sees cdk.json's feature flags, as under `cdk synth`.
        CDK_CONTEXT_JSON: JSON.stringify(
          (JSON.parse(readFileSync(resolve(root, 'cdk.json'), 'utf8')) as { context: object }).context,
        ),
      },
      ...overrides,
    },
  };
}
