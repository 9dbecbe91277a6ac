import { defineConfig } from 'vitest/config';
import { coverageGate, projectTestConfig } from '../../vitest.shared';

// The dynalite and bundle suites start servers and child processes: generous limits for loaded CI machines.
export default defineConfig(
  projectTestConfig(import.meta.dirname, { testTimeout: 30_000, hookTimeout: 60_000, coverage: coverageGate }),
);
