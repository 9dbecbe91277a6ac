import { DeleteItemCommand, PutItemCommand, ScanCommand as RawScanCommand } from '@aws-sdk/client-dynamodb';
import { STSClient } from '@aws-sdk/client-sts';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  AssumeRoleDeniedError,
  createAssumeRoleCredentials,
  createTargetDocumentClient,
} from '@xacct/assume-role-client';
import { accessRoleArn, loadStage, readerRoleArn, sourceIdentity, tableArn } from '@xacct/config';
import { createSigner } from '@xacct/reader-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './start-sandbox';
import { creds, dynamoClient } from './test-support/clients';
import { realTemplates } from './test-support/real-templates';

const stage = loadStage('local');
const TARGET = stage.target.accountId;
const SOURCE = stage.source.accountId;
const REGION = stage.target.region;

describe('the real synthesized templates in the sandbox', () => {
  let sandbox: Sandbox;
  const templates = realTemplates();
  const deployTarget = () =>
    sandbox.deploy({
      template: templates.target,
      assemblyDir: templates.targetAssembly,
      stackName: 'xacct-local-target',
      account: TARGET,
      region: REGION,
    });
  const deploySource = () =>
    sandbox.deploy({
      template: templates.source,
      assemblyDir: templates.sourceAssembly,
      stackName: 'xacct-local-source',
      account: SOURCE,
      region: stage.source.region,
    });

  /** The reader as Lambda runs it: execution-role credentials, then the real assume-role-client. */
  async function readerClient(overrides: { externalId?: string; roleArn?: string } = {}) {
    const execution = await sandbox.context.assumeRoleAsService(
      readerRoleArn(stage),
      'lambda.amazonaws.com',
      'xacct-devices-reader-fn',
    );
    const credentials = createAssumeRoleCredentials({
      roleArn: overrides.roleArn ?? accessRoleArn(stage),
      externalId: overrides.externalId ?? stage.externalId ?? '',
      sessionName: 'reader-test',
      sourceIdentity: sourceIdentity(stage),
      region: REGION,
      stsClient: new STSClient({
        endpoint: sandbox.endpoint,
        region: REGION,
        credentials: creds(execution),
        maxAttempts: 1,
      }),
    });
    const client = createTargetDocumentClient({
      credentials,
      region: REGION,
      clientConfig: { endpoint: sandbox.endpoint, maxAttempts: 1 },
    });
    return { credentials, client };
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('source deployed alone: AssumeRole is AccessDenied (the classic failure)', async () => {
    // Arrange
    const result = await deploySource();
    const { credentials } = await readerClient();
    // Act
    const error = await credentials().catch((e: unknown) => e);
    // Assert
    expect(result.resources.map((r) => r.type)).toContain('AWS::IAM::Role');
    expect(error).toBeInstanceOf(AssumeRoleDeniedError);
    expect((error as AssumeRoleDeniedError).reason).toBe('AccessDenied');
    expect((error as Error).message).toContain(
      `is not authorized to perform: sts:AssumeRole on resource: ${accessRoleArn(stage)}`,
    );
  });

  it('deploying the target makes the same call succeed without a restart', async () => {
    // Arrange
    const { credentials } = await readerClient();
    await expect(credentials()).rejects.toBeInstanceOf(AssumeRoleDeniedError);
    // Act
    const result = await deployTarget();
    const identity = await credentials();
    // Assert
    expect(result.unsupported).toEqual([]);
    expect(result.outputs).toEqual({ TableArn: tableArn(stage), AccessRoleArn: accessRoleArn(stage) });
    expect(identity.accessKeyId).toMatch(/^ASIA/);
    expect(credentials.stats.assumeRoleCalls).toBe(2);
  });

  it('as the access role session: Scan, GetItem and Query work', async () => {
    // Arrange
    const admin = dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials(TARGET)), REGION);
    await admin.send(
      new PutItemCommand({
        TableName: stage.table.name,
        Item: { deviceId: { S: 'd0001' }, name: { S: 'This is a pen.' } },
      }),
    );
    const { client } = await readerClient();
    // Act
    const scan = await client.send(new ScanCommand({ TableName: stage.table.name }));
    const get = await client.send(new GetCommand({ TableName: stage.table.name, Key: { deviceId: 'd0001' } }));
    const query = await client.send(
      new QueryCommand({
        TableName: stage.table.name,
        KeyConditionExpression: 'deviceId = :d',
        ExpressionAttributeValues: { ':d': 'd0001' },
      }),
    );
    // Assert
    expect(scan.Items).toEqual([{ deviceId: 'd0001', name: 'This is a pen.' }]);
    expect(get.Item).toEqual({ deviceId: 'd0001', name: 'This is a pen.' });
    expect(query.Count).toBe(1);
  });

  it('as the access role session: PutItem and DeleteItem are AccessDeniedException with AWS message shape', async () => {
    // Arrange
    const { client } = await readerClient();
    const session = `arn:aws:sts::${TARGET}:assumed-role/${stage.roles.accessRoleName}/reader-test`;
    // Act
    const put = await client
      .send(new PutCommand({ TableName: stage.table.name, Item: { deviceId: 'x' } }))
      .catch((e: unknown) => e);
    const del = await client
      .send(new DeleteItemCommand({ TableName: stage.table.name, Key: { deviceId: { S: 'd0001' } } }))
      .catch((e: unknown) => e);
    // Assert
    expect(put).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${session} is not authorized to perform: dynamodb:PutItem on resource: ${tableArn(stage)} because no identity-based policy allows the dynamodb:PutItem action`,
    });
    expect((put as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
    expect(del).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('a wrong ExternalId is AccessDenied', async () => {
    // Arrange
    const { credentials } = await readerClient({ externalId: 'not-the-external-id' });
    // Act / Assert
    await expect(credentials()).rejects.toMatchObject({ reason: 'AccessDenied' });
  });

  it('another role of the source account with the same permissions is AccessDenied (aws:PrincipalArn)', async () => {
    // Arrange
    const admin = sandbox.adminCredentials(SOURCE);
    sandbox.context.iam.putRole({
      accountId: SOURCE,
      roleName: 'some-other-role',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: admin.userArn }, Action: 'sts:AssumeRole' }],
      },
      inlinePolicies: [
        {
          name: 'p',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'], Resource: '*' }],
          },
        },
      ],
    });
    const other = await sandbox.context.iam.issueSession(
      sandbox.context.iam.getRole(SOURCE, 'some-other-role')!,
      'other',
      900,
    );
    const credentials = createAssumeRoleCredentials({
      roleArn: accessRoleArn(stage),
      externalId: stage.externalId ?? '',
      sessionName: 'other',
      sourceIdentity: sourceIdentity(stage),
      region: REGION,
      stsClient: new STSClient({
        endpoint: sandbox.endpoint,
        region: REGION,
        credentials: creds(other),
        maxAttempts: 1,
      }),
    });
    // Act / Assert
    await expect(credentials()).rejects.toMatchObject({ reason: 'AccessDenied' });
  });

  it('a principal of a third account is AccessDenied even with AdministratorAccess', async () => {
    // Arrange
    const third = sandbox.adminCredentials('333333333333');
    const credentials = createAssumeRoleCredentials({
      roleArn: accessRoleArn(stage),
      externalId: stage.externalId ?? '',
      sessionName: 'third',
      sourceIdentity: sourceIdentity(stage),
      region: REGION,
      stsClient: new STSClient({
        endpoint: sandbox.endpoint,
        region: REGION,
        credentials: creds(third),
        maxAttempts: 1,
      }),
    });
    // Act / Assert
    await expect(credentials()).rejects.toMatchObject({ reason: 'AccessDenied' });
  });

  it('a tampered signature is InvalidSignatureException', async () => {
    // Arrange
    const { credentials } = await readerClient();
    const session = await credentials();
    const signer = createSigner({ credentials: session, region: REGION, service: 'dynamodb' });
    const url = new URL(sandbox.endpoint);
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.Scan',
      },
      body: JSON.stringify({ TableName: stage.table.name }),
    });
    // Act: same signature, different body
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: signed.headers,
      body: JSON.stringify({ TableName: 'other-table' }),
    });
    // Assert
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'com.amazon.coral.service#InvalidSignatureException' });
  });

  it('credentials past their expiry are ExpiredTokenException', async () => {
    // Arrange: a session issued 16 minutes ago for 15 minutes
    const role = sandbox.context.iam.getRole(TARGET, stage.roles.accessRoleName ?? '')!;
    const expired = sandbox.context.iam.issueSession(role, 'old', 900, sourceIdentity(stage), Date.now() - 960_000);
    // Act
    const error = await dynamoClient(sandbox.endpoint, creds(expired), REGION)
      .send(new RawScanCommand({ TableName: stage.table.name }))
      .catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
  });

  it('destroying the target keeps the table and its items (DeletionPolicy Retain) and removes the role', async () => {
    // Arrange
    const admin = dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials(TARGET)), REGION);
    // Act
    const result = await sandbox.destroy({ stackName: 'xacct-local-target', account: TARGET, region: REGION });
    // Assert
    expect(result.retained.map((r) => r.type)).toEqual(['AWS::DynamoDB::GlobalTable']);
    expect(result.deleted.map((r) => r.type)).toEqual(['AWS::IAM::Role']);
    const scan = await admin.send(new RawScanCommand({ TableName: stage.table.name }));
    expect(scan.Count).toBe(1);
    const { credentials } = await readerClient();
    await expect(credentials()).rejects.toMatchObject({ reason: 'AccessDenied' });
  });

  it('redeploying the target adopts the retained table with its items', async () => {
    // Act
    const result = await deployTarget();
    const { client } = await readerClient();
    const scan = await client.send(new ScanCommand({ TableName: stage.table.name }));
    // Assert
    expect(result.notes.join('\n')).toContain('adopted');
    expect(result.resources.find((r) => r.type === 'AWS::DynamoDB::GlobalTable')?.action).toBe('adopted');
    expect(scan.Count).toBe(1);
  });
});
