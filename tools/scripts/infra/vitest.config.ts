import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../../vitest.shared';

// The policy matrix synthesizes both CDK apps through their entry points: seconds, not milliseconds.
export default defineConfig(projectTestConfig(import.meta.dirname, { testTimeout: 60_000, hookTimeout: 120_000 }));
