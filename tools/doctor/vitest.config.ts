import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared';

export default defineConfig(projectTestConfig(import.meta.dirname));
