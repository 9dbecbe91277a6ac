import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetItemCommand,
  GetResourcePolicyCommand,
  PutItemCommand,
  PutResourcePolicyCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { creds, dynamoClient, stsClient } from '../test-support/clients';
import { exited, runCli, serveCli } from '../test-support/spawn-cli';
import { tableAndRoleTemplate } from '../test-fixtures/table-and-role';

const ACCOUNT = '222222222222';

/** A sandbox persisting to `dir` with the table-and-role stack `things` deployed. */
async function sandboxWithThings(dir: string): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, dataDir: dir, log: () => undefined });
  await sandbox.deploy({
    template: tableAndRoleTemplate(),
    stackName: 'things',
    account: ACCOUNT,
    region: 'us-east-1',
  });
  return sandbox;
}

describe('--data-dir persistence', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a restart keeps items, admin keys, roles, sessions and stacks', async () => {
    // Arrange
    const dir = dataDir();
    const first = await sandboxWithThings(dir);
    const admin = first.adminCredentials(ACCOUNT);
    await dynamoClient(first.endpoint, creds(admin)).send(
      new PutItemCommand({ TableName: 'things', Item: { id: { S: 'persisted' } } }),
    );
    const session = first.context.iam.issueSession(first.context.iam.getRole(ACCOUNT, 'things-reader')!, 's', 900);
    await first.stop();
    // Act
    const second = await startSandbox({ port: 0, dataDir: dir, log: () => undefined });
    try {
      const item = await dynamoClient(second.endpoint, creds(session)).send(
        new GetItemCommand({ TableName: 'things', Key: { id: { S: 'persisted' } } }),
      );
      // Assert
      expect(second.adminCredentials(ACCOUNT)).toEqual(admin);
      expect(item.Item?.id?.S).toBe('persisted');
      const destroyed = await second.destroy({ stackName: 'things', account: ACCOUNT, region: 'us-east-1' });
      expect(destroyed.deleted.map((r) => r.logicalId)).toEqual(['ScanPolicy', 'Role']);
    } finally {
      await second.stop();
    }
  });

  it('AssumeRole appends its session to sessions.jsonl instead of rewriting state.json; a restart keeps them', async () => {
    // Arrange
    const dir = dataDir();
    const first = await sandboxWithThings(dir);
    await new Promise((resolve) => setImmediate(resolve));
    const stateBefore = readFileSync(join(dir, 'state.json'), 'utf8');
    const sts = stsClient(first.endpoint, creds(first.adminCredentials(ACCOUNT)));
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/things-reader`;
    // Act
    const sessions = [];
    for (let i = 0; i < 20; i += 1)
      sessions.push(
        (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: `s${i}` }))).Credentials!,
      );
    await new Promise((resolve) => setImmediate(resolve));
    const stateAfter = readFileSync(join(dir, 'state.json'), 'utf8');
    const journal = readFileSync(join(dir, 'sessions.jsonl'), 'utf8');
    // A kill mid-append leaves a cut line: it is skipped, the rest load.
    appendFileSync(join(dir, 'sessions.jsonl'), '{"accessKeyId":"ASIA');
    await first.stop();
    const second = await startSandbox({ port: 0, dataDir: dir, log: () => undefined });
    try {
      const last = sessions[19]!;
      const item = await dynamoClient(
        second.endpoint,
        creds({
          accessKeyId: last.AccessKeyId!,
          secretAccessKey: last.SecretAccessKey!,
          sessionToken: last.SessionToken!,
        }),
      ).send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'absent' } } }));
      // Assert
      expect(stateAfter).toBe(stateBefore);
      expect(journal.trim().split('\n')).toHaveLength(20);
      expect(item.$metadata.httpStatusCode).toBe(200);
      expect(readFileSync(join(dir, 'sessions.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
    } finally {
      await second.stop();
    }
  });

  it('a restart keeps table resource policies (with their revision) and KMS keys', async () => {
    // Arrange
    const dir = dataDir();
    const first = await startSandbox({ port: 0, dataDir: dir, log: () => undefined });
    await first.deploy({
      template: tableAndRoleTemplate(),
      stackName: 'things',
      account: ACCOUNT,
      region: 'us-east-1',
    });
    const keyPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      ],
    };
    const deployed = await first.deploy({
      template: {
        Resources: {
          Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, KeyPolicy: keyPolicy } },
          Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/kept', TargetKeyId: { Ref: 'Key' } } },
        },
        Outputs: { KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] } } },
      },
      stackName: 'key',
      account: ACCOUNT,
      region: 'us-east-1',
    });
    const tableArn = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/things`;
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'dynamodb:GetItem',
          Resource: tableArn,
        },
      ],
    };
    const admin = creds(first.adminCredentials(ACCOUNT));
    const put = await dynamoClient(first.endpoint, admin).send(
      new PutResourcePolicyCommand({ ResourceArn: tableArn, Policy: JSON.stringify(policy) }),
    );
    await first.stop();
    // Act
    const second = await startSandbox({ port: 0, dataDir: dir, log: () => undefined });
    try {
      const got = await dynamoClient(second.endpoint, admin).send(
        new GetResourcePolicyCommand({ ResourceArn: tableArn }),
      );
      // Assert
      expect({ policy: JSON.parse(got.Policy ?? '{}') as unknown, revision: got.RevisionId }).toEqual({
        policy,
        revision: put.RevisionId,
      });
      expect(second.context.kms.find('alias/kept', ACCOUNT, 'us-east-1')?.arn).toBe(deployed.outputs['KeyArn']);
    } finally {
      await second.stop();
    }
  });

  it('a corrupt state file is a clear error naming the file, and leaves the data dir free', async () => {
    // Arrange
    const dir = dataDir();
    writeFileSync(join(dir, 'state.json'), '{oops');
    // Act / Assert
    await expect(startSandbox({ port: 0, dataDir: dir, log: () => undefined })).rejects.toThrow(
      /state\.json is not a sandbox state file .* Remove it or use another --data-dir/,
    );
    rmSync(join(dir, 'state.json'));
    await (await startSandbox({ port: 0, dataDir: dir, log: () => undefined })).stop();
  });

  it('one sandbox per data dir: a second is refused naming the first, and starts once the first stopped', async () => {
    // Arrange
    const dir = dataDir();
    const first = await startSandbox({ port: 0, dataDir: dir, log: () => undefined });
    // Act
    const second = startSandbox({ port: 0, dataDir: dir, log: () => undefined });
    // Assert
    await expect(second).rejects.toThrow(
      new RegExp(`--data-dir ${dir} is in use by another sandbox \\(pid ${process.pid}\\): stop it, or pass another`),
    );
    await first.stop();
    await (await startSandbox({ port: 0, dataDir: dir, log: () => undefined })).stop();
  });

  it('killing the server (SIGKILL) and restarting it loses no committed item', async () => {
    // Arrange
    const dir = dataDir();
    const templatePath = join(dir, 'template.json');
    writeFileSync(templatePath, JSON.stringify(tableAndRoleTemplate()));
    const first = await serveCli(['--port', '0', '--data-dir', join(dir, 'data')]);
    await runCli([
      'deploy',
      '--template',
      templatePath,
      '--stack-name',
      'things',
      '--account',
      ACCOUNT,
      '--region',
      'us-east-1',
      '--endpoint',
      first.endpoint,
    ]);
    const seeded = await runCli([
      'seed',
      '--account',
      ACCOUNT,
      '--region',
      'us-east-1',
      '--table',
      'things',
      '--key-name',
      'id',
      '--count',
      '50',
      '--endpoint',
      first.endpoint,
    ]);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    // Act
    first.child.kill('SIGKILL');
    await exited(first.child);
    const second = await serveCli(['--port', '0', '--data-dir', join(dir, 'data')]);
    try {
      const { accounts } = (await (
        await fetch(`${second.endpoint}/_sandbox/accounts`, { headers: { 'x-sandbox-admin': '1' } })
      ).json()) as { accounts: Array<{ accountId: string; accessKeyId: string; secretAccessKey: string }> };
      const admin = accounts.find((a) => a.accountId === ACCOUNT)!;
      const scan = await dynamoClient(second.endpoint, creds(admin)).send(
        new ScanCommand({ TableName: 'things', Select: 'COUNT' }),
      );
      // Assert
      expect(scan.Count).toBe(52);
    } finally {
      second.child.kill('SIGINT');
      const code = await exited(second.child);
      expect(second.output()).toContain('Sandbox stopped.');
      expect(code).toBe(0);
    }
  });
});
