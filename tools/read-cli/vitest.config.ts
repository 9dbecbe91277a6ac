import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared';

// The e2e tests deploy both real templates into a sandbox and spawn the CLI: more than the default 5 s.
export default defineConfig(projectTestConfig(import.meta.dirname, { testTimeout: 60_000, hookTimeout: 60_000 }));
