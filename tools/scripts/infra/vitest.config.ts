import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../../vitest.shared';

// Tests spawn tsx; allow for a loaded machine.
export default defineConfig(projectTestConfig(import.meta.dirname, { testTimeout: 60_000, hookTimeout: 120_000 }));
