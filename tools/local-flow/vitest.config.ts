import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared';

// One file at a time: the npm start signal tests run `nx synth`, which rewrites dist/apps/*/cdk.out, the assemblies the
// local-history e2e deploys (and both want the two cores).
export default defineConfig(projectTestConfig(import.meta.dirname, { fileParallelism: false }));
