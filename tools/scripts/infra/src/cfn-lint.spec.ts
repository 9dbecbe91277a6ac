import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../../..');
const installed = spawnSync('cfn-lint', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));

/** Two resources, the second with a DependsOn that its GetAtt already implies (what CDK generates: W3005). */
const template = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    Resources: {
      Topic: { Type: 'AWS::SNS::Topic' },
      Queue: {
        Type: 'AWS::SQS::Queue',
        DependsOn: ['Topic'],
        Properties: { QueueName: { 'Fn::GetAtt': ['Topic', 'TopicName'] } },
      },
      ...extra,
    },
  });

async function cfnLint(name: string, body: string): Promise<{ code: number; output: string }> {
  const file = join(dir, `${name}.template.json`);
  writeFileSync(file, body);
  try {
    const { stdout } = await run('cfn-lint', ['--config-file', '.cfnlintrc.yaml', '--', file], { cwd: root });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, output: e.stdout };
  }
}

describe.skipIf(!installed)('cfn-lint with the acknowledgements in .cfnlintrc.yaml', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the redundant DependsOn CDK generates (W3005, acknowledged)', async () => {
    expect(await cfnLint('w3005', template())).toEqual({ code: 0, output: '' });
  });

  it('fails on an error', async () => {
    const result = await cfnLint('error', template({ Table: { Type: 'AWS::DynamoDB::Tabel' } }));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/^E\d{4} /m);
  });

  it('fails on a warning nobody acknowledged', async () => {
    const body = JSON.parse(template()) as Record<string, unknown>;
    const result = await cfnLint('warning', JSON.stringify({ ...body, Parameters: { Unused: { Type: 'String' } } }));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/^W2001 /m);
  });
});

describe('cfn-lint.ts', () => {
  it('exits 1 with its usage line when --app or --stage is missing', async () => {
    const result = await run(
      resolve(root, 'node_modules/.bin/tsx'),
      ['--tsconfig', 'tools/scripts/infra/tsconfig.json', 'tools/scripts/infra/src/cfn-lint.ts', '--app', 'reader'],
      { cwd: root },
    ).catch((error: unknown) => error as { code: number; stderr: string });
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('usage: tsx tools/scripts/infra/src/cfn-lint.ts --app'),
    });
  });
});
