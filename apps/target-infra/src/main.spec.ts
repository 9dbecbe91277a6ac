import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCdkApp } from '@xacct/infra-common';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const outdir = mkdtempSync(join(tmpdir(), 'target-infra-main-'));

function synthMain(context: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return runCdkApp({ workspaceRoot: root, app: 'target-infra', outdir, context });
}

describe('main.ts (the CDK app entry)', () => {
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes the stage named by the `stage` context into the output directory', async () => {
    const result = await synthMain({ stage: 'example' });

    expect(result).toEqual({ code: 0, stderr: '' });
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; environment?: string; properties?: { stackName?: string } }>;
    };
    const stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks).toEqual([
      expect.objectContaining({
        environment: 'aws://210987654321/eu-west-1',
        properties: expect.objectContaining({ stackName: 'xacct-example-target' }),
      }),
    ]);
  });

  it('exits 1 naming the missing stage file and the available stages, without a stack trace', async () => {
    const result = await synthMain({ stage: 'nope' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('target-infra: config/stages/nope.json: no such stage file');
    expect(result.stderr).toContain('available: example, local');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
