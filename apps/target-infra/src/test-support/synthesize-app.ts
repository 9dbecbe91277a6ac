import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCdkApp } from '@xacct/infra-common';
import type { CfnTemplate } from './resolve-intrinsics';

/** Synthesizes one infra app through its real entry point and returns its single stack's template. */
export async function synthesizeApp(
  workspaceRoot: string,
  app: 'target-infra' | 'source-infra',
  stage: string,
  /** e.g. `XACCT_STAGES_DIR` for a stage file of the test's own. */
  env?: Record<string, string>,
): Promise<CfnTemplate> {
  const outdir = mkdtempSync(join(tmpdir(), `${app}-`));
  try {
    const { code, stderr } = await runCdkApp({
      workspaceRoot,
      app,
      outdir,
      context: { stage },
      ...(env ? { env } : {}),
    });
    if (code !== 0) throw new Error(`${app} did not synthesize (exit ${code}): ${stderr}`);
    const id = app === 'target-infra' ? 'Target' : 'Source';
    return JSON.parse(readFileSync(join(outdir, `${id}.template.json`), 'utf8')) as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
