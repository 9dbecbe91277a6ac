import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** The synthesized templates of both infra apps for the local stage, parsed, with their assembly directories. */
export interface RealTemplates {
  readonly target: unknown;
  readonly targetAssembly: string;
  readonly source: unknown;
  readonly sourceAssembly: string;
}

/**
 * Reads the real synthesized templates (the `test` target depends on both `synth` targets). The synth output in
 * dist/ is shared: when it is missing or was synthesized for another stage, this synthesizes the local stage once.
 */
export function realTemplates(sourceAccount = '111111111111', targetAccount = '222222222222'): RealTemplates {
  const targetAssembly = join(ROOT, 'dist/apps/target-infra/cdk.out');
  const sourceAssembly = join(ROOT, 'dist/apps/source-infra/cdk.out');
  const paths = [join(targetAssembly, 'Target.template.json'), join(sourceAssembly, 'Source.template.json')] as const;
  const read = () => paths.map((path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined));
  // Each side names the other's account: the target trusts the source, the source may assume the target's role.
  const usable = (texts: Array<string | undefined>) =>
    texts[0]?.includes(`arn:aws:iam::${sourceAccount}:`) === true &&
    texts[1]?.includes(`arn:aws:iam::${targetAccount}:`) === true;
  let texts = read();
  if (!usable(texts)) {
    execFileSync(
      'npx',
      ['nx', 'run-many', '-t', 'synth', '-p', 'target-infra', 'source-infra', '--outputStyle=static'],
      {
        cwd: ROOT,
        env: { ...process.env, NX_DAEMON: 'false' },
        stdio: 'ignore',
      },
    );
    texts = read();
    if (!usable(texts)) {
      throw new Error(
        `${paths.join(', ')}: not synthesized for the local stage; run \`npx nx run-many -t synth -p target-infra source-infra\`.`,
      );
    }
  }
  return { target: JSON.parse(texts[0] ?? ''), targetAssembly, source: JSON.parse(texts[1] ?? ''), sourceAssembly };
}
