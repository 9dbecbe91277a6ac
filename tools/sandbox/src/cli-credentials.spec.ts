import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './start-sandbox';
import { runCli } from './test-support/spawn-cli';

const SOURCE = '111111111111';
const TARGET = '222222222222';
const FUNCTION_ROLE = `arn:aws:iam::${SOURCE}:role/fn-role`;
const ACCESS_ROLE = `arn:aws:iam::${TARGET}:role/access-role`;
const ADMIN_ROLE = `arn:aws:iam::${SOURCE}:role/ops`;

const role = (name: string, trust: unknown[], statements: unknown[] = []) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    RoleName: name,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: trust },
    ...(statements.length > 0
      ? { Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] }
      : {}),
  },
});

/** `export NAME='value'` lines into an env object; a line that is neither that nor a comment fails the test. */
function parseExports(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
    const match = /^export ([A-Z_]+)='([^']*)'$/.exec(line);
    if (match === null) throw new Error(`not an export line: ${line}`);
    env[match[1] ?? ''] = match[2] ?? '';
  }
  return env;
}

describe('cli credentials', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    // The shape of the reader pair: a function role Lambda assumes, allowed to assume an access role in the
    // target account whose trust names the function role (aws:PrincipalArn) and an ExternalId.
    await sandbox.deploy({
      stackName: 'source',
      account: SOURCE,
      region: 'us-east-1',
      template: {
        Resources: {
          Fn: role(
            'fn-role',
            [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ACCESS_ROLE }],
          ),
          Ops: role('ops', [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'sts:AssumeRole' },
          ]),
        },
      },
    });
    await sandbox.deploy({
      stackName: 'target',
      account: TARGET,
      region: 'us-east-1',
      template: {
        Resources: {
          Access: role('access-role', [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${SOURCE}:root` },
              Action: 'sts:AssumeRole',
              Condition: {
                ArnEquals: { 'aws:PrincipalArn': FUNCTION_ROLE },
                StringEquals: { 'sts:ExternalId': 'ext-123' },
              },
            },
          ]),
        },
      },
    });
  });
  afterAll(() => sandbox.stop());

  it('--as-service prints the session Lambda gets, and with it the function role can replay its AssumeRole', async () => {
    // Act
    const result = await runCli([
      'credentials',
      '--role-arn',
      FUNCTION_ROLE,
      '--as-service',
      'lambda.amazonaws.com',
      '--session-name',
      'reader-fn',
      '--endpoint',
      sandbox.endpoint,
    ]);
    const env = parseExports(result.stdout);
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: env['AWS_ENDPOINT_URL_STS'] ?? '',
      credentials: {
        accessKeyId: env['AWS_ACCESS_KEY_ID'] ?? '',
        secretAccessKey: env['AWS_SECRET_ACCESS_KEY'] ?? '',
        sessionToken: env['AWS_SESSION_TOKEN'] ?? '',
      },
    });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const replay = await sts.send(
      new AssumeRoleCommand({ RoleArn: ACCESS_ROLE, RoleSessionName: 'replay', ExternalId: 'ext-123' }),
    );
    const wrongExternalId = await sts
      .send(new AssumeRoleCommand({ RoleArn: ACCESS_ROLE, RoleSessionName: 'replay', ExternalId: 'nope-1' }))
      .catch((error: unknown) => error);
    sts.destroy();

    // Assert
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^# arn:aws:sts::111111111111:assumed-role\/fn-role\/reader-fn, expires 20\d\d-/);
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: expect.stringMatching(/^ASIA/),
      AWS_SECRET_ACCESS_KEY: expect.any(String),
      AWS_SESSION_TOKEN: expect.any(String),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: sandbox.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: sandbox.endpoint,
    });
    expect(result.stdout).toContain(`--endpoint-url ${sandbox.endpoint}`);
    expect(identity.Arn).toBe(`arn:aws:sts::${SOURCE}:assumed-role/fn-role/reader-fn`);
    expect(replay.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TARGET}:assumed-role/access-role/replay`);
    expect(wrongExternalId).toMatchObject({ name: 'AccessDenied' });
  });

  // A real AWS CLI (v1.29+ reads AWS_ENDPOINT_URL_*) evaluating the printed lines in a POSIX shell.
  const awsCli = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  it.runIf(awsCli.status === 0)('the printed lines work with eval and the AWS CLI', async () => {
    // Arrange
    const printed = await runCli([
      'credentials',
      '--role-arn',
      FUNCTION_ROLE,
      '--as-service',
      'lambda.amazonaws.com',
      '--endpoint',
      sandbox.endpoint,
    ]);
    // Act
    // Async: the sandbox answers from this process's event loop.
    const replay = await promisify(execFile)(
      'sh',
      [
        '-c',
        `eval "$PRINTED" && aws sts assume-role --role-arn ${ACCESS_ROLE} --role-session-name cli --external-id ext-123 --query AssumedRoleUser.Arn --output text`,
      ],
      { timeout: 30_000, env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', PRINTED: printed.stdout } },
    );
    // Assert
    expect(replay.stderr).toBe('');
    expect(replay.stdout.trim()).toBe(`arn:aws:sts::${TARGET}:assumed-role/access-role/cli`);
  });

  it('without --as-service the role account admin assumes the role through STS', async () => {
    // Act
    const result = await runCli(['credentials', '--role-arn', ADMIN_ROLE, '--endpoint', sandbox.endpoint]);
    // Assert
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# arn:aws:sts::111111111111:assumed-role\/ops\/sandbox-cli, expires/);
    expect(parseExports(result.stdout)['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA/);
  });

  it.each([
    [
      ['--role-arn', ACCESS_ROLE, '--as-service', 'lambda.amazonaws.com'],
      `lambda.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: ${ACCESS_ROLE}`,
    ],
    [['--role-arn', ACCESS_ROLE], `User: arn:aws:iam::${TARGET}:user/sandbox-admin is not authorized`],
    [
      ['--role-arn', 'fn-role'],
      "--role-arn must be an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>), got 'fn-role'.",
    ],
    [[], '--role-arn is required.'],
  ])('refuses %j with a clear message and no keys', async (args, message) => {
    // Act
    const result = await runCli(['credentials', ...args, '--endpoint', sandbox.endpoint]);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stdout).not.toContain('AWS_SECRET_ACCESS_KEY');
  });
});
