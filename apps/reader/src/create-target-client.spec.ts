import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTargetClient } from './create-target-client';
import { readerEnvs } from './test-support/reader-envs';
import { startFakeSts, type FakeSts } from './test-support/start-fake-sts';

// The factory against loopback STS and DynamoDB endpoints (AWS_ENDPOINT_URL_*), as in the sandbox: which credentials
// sign the DynamoDB request, what it names as TableName, and how many STS calls it took.
interface DynamoRequest {
  readonly accessKeyId: string | undefined;
  readonly body: { TableName?: string };
}

describe('createTargetClient', () => {
  let sts: FakeSts;
  const dynamoRequests: DynamoRequest[] = [];
  const dynamo = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      dynamoRequests.push({
        accessKeyId: /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as DynamoRequest['body'],
      });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ Item: { deviceId: { S: 'd0001' } } }));
    });
  });

  beforeAll(async () => {
    sts = await startFakeSts();
    await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await sts.close();
    await new Promise<void>((resolve) => dynamo.close(() => resolve()));
  });
  beforeEach(() => {
    dynamoRequests.length = 0;
    sts.requests.length = 0;
    vi.stubEnv('AWS_ENDPOINT_URL_STS', sts.url);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXECUTIONROLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'execution-role-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'execution-role-token');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('resource-policy: signs with the execution role, names the table by ARN, and never calls STS', async () => {
    // Arrange
    const env = readerEnvs.resourcePolicy;
    const { client, credentials } = createTargetClient(env);

    // Act
    for (let i = 0; i < 3; i++) {
      await client.send(new GetCommand({ TableName: env.tableRef, Key: { deviceId: 'd0001' } }));
    }

    // Assert
    expect(sts.requests).toHaveLength(0);
    expect(dynamoRequests.map((r) => r.accessKeyId)).toEqual(Array(3).fill('ASIAEXECUTIONROLE'));
    expect(dynamoRequests[0]?.body.TableName).toBe('arn:aws:dynamodb:us-east-1:222222222222:table/xacct-rp-devices');
    expect(credentials).toBeUndefined();
  });

  it('assume-role: assumes the access role once, signs with its session, and counts it', async () => {
    // Arrange
    const env = readerEnvs.devices;
    const { client, credentials } = createTargetClient(env);

    // Act
    for (let i = 0; i < 3; i++) {
      await client.send(new GetCommand({ TableName: env.tableRef, Key: { deviceId: 'd0001' } }));
    }

    // Assert
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]?.accessKeyId).toBe('ASIAEXECUTIONROLE');
    expect(sts.requests[0]?.params.get('RoleArn')).toBe(env.targetRoleArn);
    expect(sts.requests[0]?.params.get('ExternalId')).toBe(env.externalId);
    expect(dynamoRequests.map((r) => r.accessKeyId)).toEqual(Array(3).fill('ASIAFAKESTS'));
    expect(dynamoRequests[0]?.body.TableName).toBe('xacct-devices');
    // One AssumeRole: the init-time prefetch, which the first request joined.
    expect(credentials?.stats.assumeRoleCalls).toBe(1);
  });
});
