import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared';

// CDK synthesis (in process and through main.ts) takes seconds, not milliseconds.
export default defineConfig(projectTestConfig(import.meta.dirname, { testTimeout: 60_000, hookTimeout: 60_000 }));
