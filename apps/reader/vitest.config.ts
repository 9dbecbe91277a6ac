import { defineConfig } from 'vitest/config';
import { coverageGate, projectTestConfig } from '../../vitest.shared';

// The dynalite and bundle suites start servers and child processes: generous limits for loaded CI machines.
// main.ts and the SDK stub run only inside the bundle, in the bundle suite's child process, which V8 coverage
// of this process cannot see; write-openapi.ts runs only as the build's script (its document is tested here).
export default defineConfig(
  projectTestConfig(import.meta.dirname, {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      ...coverageGate,
      exclude: [...coverageGate.exclude, 'src/main.ts', 'src/sdk-stubs/**', 'src/openapi/write-openapi.ts'],
    },
  }),
);
