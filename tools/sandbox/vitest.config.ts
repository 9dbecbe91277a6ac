import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared';

// Tests start real servers on loopback; allow a little more than the default for the template-driven ones.
export default defineConfig(projectTestConfig(import.meta.dirname, { testTimeout: 30_000, hookTimeout: 120_000 }));
