import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunCdkAppOptions {
  readonly workspaceRoot: string;
  /** The infra app's folder name under apps/, e.g. `target-infra`. */
  readonly app: string;
  /** Where the cloud assembly goes. */
  readonly outdir: string;
  readonly context: Record<string, string>;
  /** Extra environment variables, e.g. `XACCT_STAGES_DIR` for a stage file of the test's own. */
  readonly env?: Record<string, string>;
}

/**
 * Runs an infra app's real entry point (`apps/<app>/src/main.ts`) the way the CDK CLI does: cdk.json's context
 * (feature flags) merged with `context`, and the output directory, through the environment. For tests: a process,
 * because nothing may import an infra app.
 */
export async function runCdkApp(options: RunCdkAppOptions): Promise<{ code: number; stderr: string }> {
  const { workspaceRoot, app, outdir, env } = options;
  const cdkJson = JSON.parse(readFileSync(join(workspaceRoot, 'cdk.json'), 'utf8')) as { context?: object };
  const context = { ...cdkJson.context, ...options.context };
  try {
    const { stderr } = await run(
      join(workspaceRoot, 'node_modules/.bin/tsx'),
      ['--tsconfig', `apps/${app}/tsconfig.json`, `apps/${app}/src/main.ts`],
      {
        cwd: workspaceRoot,
        env: { ...process.env, ...env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
      },
    );
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stderr: e.stderr ?? String(error) };
  }
}
