import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { creds, dynamoClient, stsClient } from '../test-support/clients';
import { signedFetch } from '@xacct/reader-client';

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

  it('counts unauthenticated requests with made-up actions under one key', async () => {
    // Arrange
    sandbox.resetCounters();
    // Act
    for (const action of ['Garbage1', 'Garbage2', 'GetCallerIdentity']) {
      await fetch(sandbox.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `Action=${action}&Version=2011-06-15`,
      });
    }
    // Assert
    expect(sandbox.counters()).toEqual({ sts: { '(unknown)': 2, GetCallerIdentity: 1 } });
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

describe('STS AssumeRole rules', () => {
  let sandbox: Sandbox;
  const logs: string[] = [];
  const A = '111111111111';
  const B = '222222222222';
  const allowAssume = (resource = '*') => [
    {
      name: 'assume',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'], Resource: resource }],
      },
    },
  ];
  const sessionOf = (account: string, roleName: string) =>
    sandbox.context.iam.issueSession(sandbox.context.iam.getRole(account, roleName)!, 'caller', 3600);
  const assume = (keys: Parameters<typeof creds>[0], input: ConstructorParameters<typeof AssumeRoleCommand>[0]) =>
    stsClient(sandbox.endpoint, creds(keys)).send(new AssumeRoleCommand(input));

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: (line) => void logs.push(line) });
    const iam = sandbox.context.iam;
    // A caller role in A, a target role in B trusting A's root, a long-session role, a same-account role naming a user.
    iam.putRole({
      accountId: A,
      roleName: 'caller',
      maxSessionDuration: 7200,
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      inlinePolicies: allowAssume(),
    });
    iam.putRole({ accountId: A, roleName: 'no-perms', trustPolicy: { Version: '2012-10-17', Statement: [] } });
    iam.putRole({
      accountId: B,
      roleName: 'target',
      maxSessionDuration: 7200,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' },
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${A}:root` },
            Action: 'sts:SetSourceIdentity',
            Condition: { StringEquals: { 'sts:SourceIdentity': 'alice' } },
          },
        ],
      },
    });
    iam.putRole({
      accountId: A,
      roleName: 'names-admin',
      path: '/team/',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/sandbox-admin` }, Action: 'sts:AssumeRole' },
        ],
      },
    });
    iam.putRole({
      accountId: A,
      roleName: 'names-root',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
      },
    });
    iam.putRole({
      accountId: A,
      roleName: 'for-lambda',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
    });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('cross-account: allowed when identity policy and trust both allow; the SDK sees the wrapped result', async () => {
    // Act
    const result = await assume(sessionOf(A, 'caller'), {
      RoleArn: `arn:aws:iam::${B}:role/target`,
      RoleSessionName: 'sess',
      DurationSeconds: 900,
    });
    // Assert
    expect(result.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${B}:assumed-role/target/sess`);
    expect(result.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:sess$/);
    const lifetime = result.Credentials!.Expiration!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(890_000);
    expect(lifetime).toBeLessThanOrEqual(900_000);
  });

  it('cross-account: denied when the caller’s identity policy does not allow, with AWS’s message', async () => {
    // Act
    const error = await assume(sessionOf(A, 'no-perms'), {
      RoleArn: `arn:aws:iam::${B}:role/target`,
      RoleSessionName: 'sess',
    }).catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${A}:assumed-role/no-perms/caller is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${B}:role/target`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('a role that does not exist is AccessDenied, as in AWS', async () => {
    // Act / Assert
    await expect(
      assume(sessionOf(A, 'caller'), { RoleArn: `arn:aws:iam::${B}:role/nope`, RoleSessionName: 'sess' }),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('a role addressed without its path is another role (AccessDenied)', async () => {
    // Act / Assert
    const admin = sandbox.adminCredentials(A);
    await expect(
      assume(admin, { RoleArn: `arn:aws:iam::${A}:role/names-admin`, RoleSessionName: 'sess' }),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      assume(admin, { RoleArn: `arn:aws:iam::${A}:role/team/names-admin`, RoleSessionName: 'sess' }),
    ).resolves.toBeDefined();
  });

  it('same account: a trust naming the principal suffices without an identity policy; naming the root does not', async () => {
    // Arrange: a user in A with no policies is simulated by a role session without permissions
    const noPerms = sessionOf(A, 'no-perms');
    sandbox.context.iam.putRole({
      accountId: A,
      roleName: 'names-no-perms',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:sts::${A}:assumed-role/no-perms/caller` },
            Action: 'sts:AssumeRole',
          },
        ],
      },
    });
    // Act / Assert
    await expect(
      assume(noPerms, { RoleArn: `arn:aws:iam::${A}:role/names-no-perms`, RoleSessionName: 'sess' }),
    ).resolves.toBeDefined();
    await expect(
      assume(noPerms, { RoleArn: `arn:aws:iam::${A}:role/names-root`, RoleSessionName: 'sess' }),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('same account: an identity policy alone does not let a caller in when the trust does not name it', async () => {
    // Act / Assert
    await expect(
      assume(sessionOf(A, 'caller'), { RoleArn: `arn:aws:iam::${A}:role/for-lambda`, RoleSessionName: 'sess' }),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('a SourceIdentity needs sts:SetSourceIdentity in the trust with a matching value', async () => {
    // Act
    const ok = await assume(sessionOf(A, 'caller'), {
      RoleArn: `arn:aws:iam::${B}:role/target`,
      RoleSessionName: 'sess',
      SourceIdentity: 'alice',
    });
    const denied = await assume(sessionOf(A, 'caller'), {
      RoleArn: `arn:aws:iam::${B}:role/target`,
      RoleSessionName: 'sess',
      SourceIdentity: 'mallory',
    }).catch((e: unknown) => e);
    // Assert
    expect(ok.SourceIdentity).toBe('alice');
    expect(denied).toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('sts:SetSourceIdentity') });
  });

  it('DurationSeconds above the role’s MaxSessionDuration is a ValidationError', async () => {
    // Act / Assert
    await expect(
      assume(sandbox.adminCredentials(A), {
        RoleArn: `arn:aws:iam::${A}:role/names-root`,
        RoleSessionName: 'sess',
        DurationSeconds: 7200,
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });

  it('role chaining is limited to one hour even when the role allows more', async () => {
    // Act
    const error = await assume(sessionOf(A, 'caller'), {
      RoleArn: `arn:aws:iam::${B}:role/target`,
      RoleSessionName: 'sess',
      DurationSeconds: 7200,
    }).catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
  });

  it('an invalid RoleSessionName is a ValidationError naming the field', async () => {
    // Act / Assert
    await expect(
      assume(sandbox.adminCredentials(A), {
        RoleArn: `arn:aws:iam::${A}:role/names-root`,
        RoleSessionName: 'bad name!',
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'roleSessionName'"),
    });
  });

  it('a session policy caps the session: what it does not allow is denied with AWS’s session-policy wording', async () => {
    // Arrange: names-root grants dynamodb:* on everything; the session policy only GetItem
    sandbox.context.iam.putRole({
      accountId: A,
      roleName: 'broad',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
      },
      inlinePolicies: [
        {
          name: 'all',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] },
        },
      ],
    });
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }],
    });
    // Act
    const result = await assume(sandbox.adminCredentials(A), {
      RoleArn: `arn:aws:iam::${A}:role/broad`,
      RoleSessionName: 'sess',
      Policy: policy,
    });
    const client = dynamoClient(
      sandbox.endpoint,
      creds({
        accessKeyId: result.Credentials!.AccessKeyId!,
        secretAccessKey: result.Credentials!.SecretAccessKey!,
        sessionToken: result.Credentials!.SessionToken!,
      }),
    );
    const get = await client
      .send(new GetItemCommand({ TableName: 'nothing', Key: { id: { S: 'x' } } }))
      .catch((e: unknown) => e);
    const scan = await client.send(new ScanCommand({ TableName: 'nothing' })).catch((e: unknown) => e);
    // Assert
    expect(result.PackedPolicySize).toBeGreaterThan(0);
    expect(get).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(scan).toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringMatching(/because no session policy allows the dynamodb:Scan action$/),
    });
  });

  it('a malformed session policy is MalformedPolicyDocument; an unknown managed one a ValidationError', async () => {
    // Act / Assert
    const admin = sandbox.adminCredentials(A);
    await expect(
      assume(admin, { RoleArn: `arn:aws:iam::${A}:role/names-root`, RoleSessionName: 'sess', Policy: '{not json' }),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await expect(
      assume(admin, {
        RoleArn: `arn:aws:iam::${A}:role/names-root`,
        RoleSessionName: 'sess',
        PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }],
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('does not know the managed policy'),
    });
  });

  it('tags and MFA parameters are refused rather than silently ignored', async () => {
    // Act / Assert
    await expect(
      assume(sandbox.adminCredentials(A), {
        RoleArn: `arn:aws:iam::${A}:role/names-root`,
        RoleSessionName: 'sess',
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    ).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining('Tags') });
  });

  it('assumeRoleAsService: allowed by a trust naming the service, denied otherwise', async () => {
    // Act
    const ok = await sandbox.context.assumeRoleAsService(
      `arn:aws:iam::${A}:role/for-lambda`,
      'lambda.amazonaws.com',
      'fn',
    );
    const denied = await sandbox.context
      .assumeRoleAsService(`arn:aws:iam::${A}:role/names-root`, 'lambda.amazonaws.com', 'fn')
      .catch((e: unknown) => e);
    // Assert
    expect(ok.assumedRoleArn).toBe(`arn:aws:sts::${A}:assumed-role/for-lambda/fn`);
    expect(denied).toMatchObject({ code: 'AccessDenied' });
  });

  it('logs which check denied an AssumeRole (AWS’s message does not say)', async () => {
    // Arrange
    logs.length = 0;
    // Act
    await assume(sessionOf(A, 'caller'), {
      RoleArn: `arn:aws:iam::${A}:role/for-lambda`,
      RoleSessionName: 'sess',
    }).catch(() => undefined);
    await assume(sessionOf(A, 'caller'), { RoleArn: `arn:aws:iam::${B}:role/missing`, RoleSessionName: 'sess' }).catch(
      () => undefined,
    );
    // Assert
    expect(logs).toEqual([
      expect.stringMatching(
        /^\[sandbox\] DENIED sts:AssumeRole by arn:aws:sts::111111111111:assumed-role\/caller\/caller on arn:aws:iam::111111111111:role\/for-lambda: the role's trust policy does not allow/,
      ),
      expect.stringContaining('no such role (is the stack that creates it deployed?)'),
    ]);
  });

  it('counts requests per action', async () => {
    // Arrange
    sandbox.resetCounters();
    const admin = sandbox.adminCredentials(A);
    // Act
    await assume(admin, { RoleArn: `arn:aws:iam::${A}:role/names-root`, RoleSessionName: 'sess' });
    await assume(admin, { RoleArn: `arn:aws:iam::${A}:role/nope`, RoleSessionName: 'sess' }).catch(() => undefined);
    await stsClient(sandbox.endpoint, creds(admin)).send(new GetCallerIdentityCommand({}));
    // Assert
    expect(sandbox.counters().sts).toEqual({ AssumeRole: 2, GetCallerIdentity: 1 });
  });

  it('an unknown action and an unsigned call get awsQuery error XML', async () => {
    // Act
    const unknown = await signedFetch(sandbox.endpoint, {
      credentials: sandbox.adminCredentials(A),
      service: 'sts',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DecodeAuthorizationMessage&Version=2011-06-15',
    });
    const unsigned = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    // Assert
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/<ErrorResponse[^>]*>\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>InvalidAction<\/Code>/);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('a trust policy naming a role pins it: a recreated role of the same ARN, or the ARN with another path, is refused', async () => {
    // Arrange
    const iam = sandbox.context.iam;
    const callerInput = {
      accountId: A,
      roleName: 'pinned-caller',
      trustPolicy: { Statement: [] },
      inlinePolicies: allowAssume(),
    };
    iam.putRole(callerInput);
    const trusting = (roleName: string, principal: string) =>
      iam.putRole({
        accountId: B,
        roleName,
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
        },
      });
    trusting('trusts-pinned', `arn:aws:iam::${A}:role/pinned-caller`);
    trusting('trusts-other-path', `arn:aws:iam::${A}:role/other/pinned-caller`);
    const before = await assume(sessionOf(A, 'pinned-caller'), {
      RoleArn: `arn:aws:iam::${B}:role/trusts-pinned`,
      RoleSessionName: 'before',
    });
    const otherPath = await assume(sessionOf(A, 'pinned-caller'), {
      RoleArn: `arn:aws:iam::${B}:role/trusts-other-path`,
      RoleSessionName: 'path',
    }).catch((e: unknown) => e);
    // Act
    iam.deleteRole(A, 'pinned-caller');
    iam.putRole(callerInput);
    const after = await assume(sessionOf(A, 'pinned-caller'), {
      RoleArn: `arn:aws:iam::${B}:role/trusts-pinned`,
      RoleSessionName: 'after',
    }).catch((e: unknown) => e);
    // Assert
    expect(before.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(otherPath).toMatchObject({ name: 'AccessDenied' });
    expect(after).toMatchObject({ name: 'AccessDenied' });
  });
});
