import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared';

// CDK synthesis (in process, through main.ts, and both apps for the policy matrix) takes seconds.
export default defineConfig(projectTestConfig(import.meta.dirname, { testTimeout: 60_000, hookTimeout: 120_000 }));
