import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { creds, stsClient } from '../test-support/clients';

describe('STS', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('GetCallerIdentity answers the admin user', async () => {
    // Arrange
    const admin = sandbox.adminCredentials('111111111111');
    // Act
    const identity = await stsClient(sandbox.endpoint, creds(admin)).send(new GetCallerIdentityCommand({}));
    // Assert
    expect(identity).toMatchObject({ Account: '111111111111', Arn: 'arn:aws:iam::111111111111:user/sandbox-admin' });
  });

  it('AssumeRole of an existing role returns temporary credentials', async () => {
    // Arrange
    sandbox.context.iam.putRole({
      accountId: '222222222222',
      roleName: 'r1',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
        ],
      },
    });
    const admin = sandbox.adminCredentials('111111111111');
    // Act
    const result = await stsClient(sandbox.endpoint, creds(admin)).send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/r1', RoleSessionName: 's1' }),
    );
    // Assert
    expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const who = await stsClient(sandbox.endpoint, {
      accessKeyId: result.Credentials!.AccessKeyId!,
      secretAccessKey: result.Credentials!.SecretAccessKey!,
      sessionToken: result.Credentials!.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::222222222222:assumed-role/r1/s1');
  });
});
