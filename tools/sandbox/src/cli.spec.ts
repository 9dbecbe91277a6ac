import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './start-sandbox';
import { creds, dynamoClient } from './test-support/clients';
import { exited, runCli, serveCli } from './test-support/spawn-cli';
import { tableAndRoleTemplate } from './test-fixtures/table-and-role';

const ACCOUNT = '222222222222';

describe('cli', () => {
  let sandbox: Sandbox;
  let dir: string;
  let templatePath: string;
  const where = ['--account', ACCOUNT, '--region', 'us-east-1'];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
    templatePath = join(dir, 'template.json');
    writeFileSync(templatePath, JSON.stringify(tableAndRoleTemplate()));
  });
  afterAll(async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploy applies a template file and prints resources, notes and outputs', async () => {
    // Act
    const result = await runCli(['deploy', '--template', templatePath, '--stack-name', 'things', ...where], {
      SANDBOX_ENDPOINT: sandbox.endpoint,
    });
    // Assert
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('CREATE_COMPLETE: things in 222222222222/us-east-1');
    expect(result.stdout).toContain('created   Role (AWS::IAM::Role) things-reader');
    expect(result.stdout).toContain('ignored   CDKMetadata (AWS::CDK::Metadata)');
    expect(result.stdout).toContain(`output RoleArn = arn:aws:iam::${ACCOUNT}:role/things-reader`);
  });

  it('seed writes the classic items and N generated ones through the IAM-checked endpoint', async () => {
    // Arrange
    sandbox.resetCounters();
    // Act
    const result = await runCli([
      'seed',
      '--table',
      'things',
      '--key-name',
      'id',
      '--count',
      '30',
      '--endpoint',
      sandbox.endpoint,
      ...where,
    ]);
    const scan = await dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials(ACCOUNT))).send(
      new ScanCommand({ TableName: 'things' }),
    );
    // Assert
    expect(result.stdout).toContain('Seeded 32 items into things');
    expect(scan.Items).toContainEqual({ id: { S: 'd0001' }, name: { S: 'This is a pen.' } });
    expect(scan.Items).toContainEqual({ id: { S: 'd0002' }, name: { S: 'Fooooooo' } });
    expect(scan.Count).toBe(32);
    expect(sandbox.counters().dynamodb?.BatchWriteItem).toBe(2);
  });

  it('stats prints counters; --reset clears them', async () => {
    // Act
    const stats = await runCli(['stats', '--json', '--endpoint', sandbox.endpoint]);
    const reset = await runCli(['stats', '--reset', '--endpoint', sandbox.endpoint]);
    // Assert
    expect(JSON.parse(stats.stdout)).toMatchObject({ counters: { dynamodb: { BatchWriteItem: 2 } }, faults: [] });
    expect(reset.stdout).toContain('Counters reset.');
    expect(sandbox.counters()).toEqual({});
  });

  it('fault add, list, remove and clear drive the running sandbox; stats shows the active ones', async () => {
    // Arrange
    const cli = (...args: string[]) => runCli([...args, '--endpoint', sandbox.endpoint]);
    sandbox.faults.add({ service: 'dynamodb', kind: 'error', error: 'ThrottlingException', probability: 0.5, seed: 7 });
    // Act
    const added = await cli(
      'fault',
      'add',
      '--service',
      'sts',
      '--kind',
      'hang',
      '--action',
      'AssumeRole',
      '--account',
      ACCOUNT,
      '--count',
      '2',
    );
    const listed = await cli('fault', 'list');
    const stats = await cli('stats');
    const removed = await cli('fault', 'remove', 'fault-2');
    const cleared = await cli('fault', 'clear');
    // Assert
    expect(added.stdout).toContain('Added fault-2: sts:AssumeRole hang account 222222222222 count 2');
    expect(listed.stdout).toContain('fault-1  dynamodb error ThrottlingException p=0.5 seed 7  (fired 0)');
    expect(listed.stdout).toContain('fault-2  sts:AssumeRole hang account 222222222222 count 2  (fired 0, 2 left)');
    expect(stats.stdout).toContain('Active faults:');
    expect(removed.stdout).toContain('Removed fault-2.');
    expect(cleared.stdout).toContain('Removed 1 fault.');
    expect(sandbox.faults.list()).toEqual([]);
  }, 120_000);

  it('fault add with a bad definition names the field and exits 1', async () => {
    // Act
    const result = await runCli([
      'fault',
      'add',
      '--service',
      'sts',
      '--kind',
      'error',
      '--error',
      'Nope',
      '--endpoint',
      sandbox.endpoint,
    ]);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('\'error\' "Nope" is not an error sts answers');
  });

  it('destroy keeps the Retain table and says so', async () => {
    // Act
    const result = await runCli(['destroy', '--stack-name', 'things', '--endpoint', sandbox.endpoint, ...where]);
    // Assert
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('retained  Table (AWS::DynamoDB::Table) things (DeletionPolicy Retain)');
    expect(result.stdout).toContain('deleted   Role (AWS::IAM::Role) things-reader');
  });

  it('destroy of a stack that is not deployed succeeds and says there is nothing to destroy', async () => {
    // Act (the previous test destroyed it)
    const result = await runCli(['destroy', '--stack-name', 'things', '--endpoint', sandbox.endpoint, ...where]);
    // Assert
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      'things: not deployed, nothing to destroy (account 222222222222, region us-east-1;',
    );
    expect(result.stdout).not.toContain('Destroyed');
  });

  it('deploy takes the template as an argument and names the stack after the file', async () => {
    // Arrange
    const file = join(dir, 'Extra.template.json');
    writeFileSync(
      file,
      JSON.stringify({
        Resources: {
          R: {
            Type: 'AWS::IAM::Role',
            Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } },
          },
        },
      }),
    );
    // Act
    const result = await runCli(['deploy', file, '--endpoint', sandbox.endpoint, ...where]);
    // Assert
    expect(result.stdout).toContain('CREATE_COMPLETE: Extra in 222222222222/us-east-1');
  });

  it('a broken template is a clear error and exit code 1', async () => {
    // Arrange
    const broken = join(dir, 'broken.json');
    writeFileSync(
      broken,
      '{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::ImportValue": "x"}}}}}',
    );
    // Act
    const result = await runCli([
      'deploy',
      '--template',
      broken,
      '--stack-name',
      'broken',
      '--endpoint',
      sandbox.endpoint,
      ...where,
    ]);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Resources.R.Properties.RoleName.Fn::ImportValue: the sandbox does not support the intrinsic Fn::ImportValue',
    );
  });

  it('without a running sandbox it names the command that starts one', async () => {
    // Act
    const result = await runCli(['destroy', '--stack-name', 'x', ...where], { SANDBOX_ENDPOINT: 'http://127.0.0.1:9' });
    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No sandbox answers at http://127.0.0.1:9. Start it with `npx nx serve sandbox`');
  });

  it.each([
    [
      ['deploy', '--stack-name', 'x', '--account', ACCOUNT, '--region', 'us-east-1'],
      '--template <file> (or `deploy <file>`) is required.',
    ],
    [
      ['deploy', 'a.json', 'b.json', '--account', ACCOUNT, '--region', 'us-east-1'],
      'Unexpected arguments: a.json b.json.',
    ],
    [
      ['destroy', '--stack-name', 'x', '--account', '12', '--region', 'us-east-1'],
      "--account must be a 12-digit account id, got '12'.",
    ],
    [['frobnicate'], "Unknown command 'frobnicate'"],
    [['stats', '--bogus'], "Unknown option '--bogus'"],
  ])('usage error %j', async (args, message) => {
    // Act
    const result = await runCli(args, { SANDBOX_ENDPOINT: 'http://127.0.0.1:9' });
    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('serve prints the endpoint and the admin keys of every account and stops cleanly on SIGINT', async () => {
    // Arrange
    const served = await serveCli(['--port', '0']);
    // Act
    served.child.kill('SIGINT');
    const code = await exited(served.child);
    // Assert
    expect(served.output()).toMatch(/Services: .*Lambda.*API Gateway REST APIs \(execute-api/);
    expect(served.output()).toContain('Latency: none');
    expect(served.output()).toContain('Faults: none active');
    expect(served.output()).toMatch(/AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16} AWS_SECRET_ACCESS_KEY=\S{40}/);
    for (const account of ['111111111111', '222222222222', '333333333333'])
      expect(served.output()).toContain(`arn:aws:iam::${account}:user/sandbox-admin`);
    expect({ code, signal: served.child.signalCode, tail: served.output().slice(-120) }).toMatchObject({
      code: 0,
      tail: expect.stringContaining('Sandbox stopped.'),
    });
    expect(code).toBe(0);
  });

  it('serve refuses a non-loopback host', async () => {
    // Act
    const result = await runCli(['serve', '--host', '0.0.0.0', '--port', '0']);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--host must be a loopback address (127.0.0.1, ::1, localhost), got '0.0.0.0'");
  });

  it('serve refuses an unknown latency model', async () => {
    // Act
    const result = await runCli(['serve', '--latency', 'fast', '--port', '0']);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--latency must be one of none, aws, got 'fast'");
  });

  it('serve on a port in use says so', async () => {
    // Act
    const result = await runCli(['serve', '--port', String(sandbox.port)]);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${sandbox.port} on 127.0.0.1 is in use: is a sandbox already running?`);
  });
});
