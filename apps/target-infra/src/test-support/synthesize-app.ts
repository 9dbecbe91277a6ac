import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CfnTemplate } from './resolve-intrinsics';

const run = promisify(execFile);

/**
 * Synthesizes one CDK app through its real entry point (`apps/<app>/src/main.ts`), the way the CDK CLI does
 * (context and output directory through the environment), and returns its single stack's template.
 * A process rather than an import: tools may not import the infra apps (module boundaries).
 */
export async function synthesizeApp(
  workspaceRoot: string,
  app: 'target-infra' | 'source-infra',
  stage: string,
): Promise<CfnTemplate> {
  const outdir = mkdtempSync(join(tmpdir(), `${app}-`));
  try {
    await run(
      join(workspaceRoot, 'node_modules/.bin/tsx'),
      ['--tsconfig', `apps/${app}/tsconfig.json`, `apps/${app}/src/main.ts`],
      { cwd: workspaceRoot, env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ stage }) } },
    );
    const id = app === 'target-infra' ? 'Target' : 'Source';
    return JSON.parse(readFileSync(join(outdir, `${id}.template.json`), 'utf8')) as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
