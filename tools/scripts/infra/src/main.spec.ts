import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../../..');

async function infra(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      resolve(root, 'node_modules/.bin/tsx'),
      ['--tsconfig', 'tools/scripts/infra/tsconfig.json', 'tools/scripts/infra/src/main.ts', ...args],
      { cwd: root },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('infra runner (main.ts)', () => {
  it('exits 1 with the usage line on a bad action, without a stack trace', async () => {
    const result = await infra(['depoy', '--app', 'target-infra']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('infra: unknown action "depoy": expected deploy, diff or destroy');
    expect(result.stderr).toContain('usage: tsx tools/scripts/infra/src/main.ts <deploy|diff|destroy>');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 naming the missing stage file and the available stages', async () => {
    const result = await infra(['deploy', '--app', 'source-infra', '--stage', 'nope']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/infra: .*config\/stages\/nope\.json: no such stage file.*available: .*local/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
