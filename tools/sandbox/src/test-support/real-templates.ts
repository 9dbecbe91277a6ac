import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** The synthesized templates of both infra apps (the `test` target depends on their `synth`). */
export function realTemplates(expectedAccount = '111111111111'): {
  target: string;
  targetAssembly: string;
  source: string;
  sourceAssembly: string;
} {
  const targetAssembly = join(ROOT, 'dist/apps/target-infra/cdk.out');
  const sourceAssembly = join(ROOT, 'dist/apps/source-infra/cdk.out');
  const paths = {
    target: join(targetAssembly, 'Target.template.json'),
    targetAssembly,
    source: join(sourceAssembly, 'Source.template.json'),
    sourceAssembly,
  };
  for (const path of [paths.target, paths.source]) {
    if (!existsSync(path))
      throw new Error(
        `${path} is missing: run \`npx nx run-many -t synth -p target-infra source-infra\` (nx test sandbox does it).`,
      );
    // The synth output is shared: a synth for another stage overwrites it.
    if (!readFileSync(path, 'utf8').includes(`arn:aws:iam::${expectedAccount}:`)) {
      throw new Error(
        `${path} was not synthesized for the local stage (no account ${expectedAccount}): run \`npx nx run-many -t synth -p target-infra source-infra\` (stage local).`,
      );
    }
  }
  return paths;
}
