import { defineConfig } from 'vitest/config';
import { coverageGate, projectTestConfig } from '../../vitest.shared';

export default defineConfig(projectTestConfig(import.meta.dirname, { coverage: coverageGate }));
