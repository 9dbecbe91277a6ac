import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSts, type FakeSts } from '../test-support/start-fake-sts';
import { xraySubsegments } from './xray-subsegments';

const TRACE = 'Root=1-6761a3b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a:0';
const credentials = { accessKeyId: 'AKIATEST', secretAccessKey: 'test' };

describe('xraySubsegments', () => {
  const daemon = createSocket('udp4');
  const received: string[] = [];
  const throttling = createServer((_req, res) => {
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'ddb-req-1' });
    res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down' }));
  });
  let sts: FakeSts;
  let env: Record<string, string>;
  let dynamoUrl = '';

  beforeAll(async () => {
    daemon.on('message', (message) => received.push(message.toString('utf8')));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    env = { _X_AMZN_TRACE_ID: TRACE, AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}` };
    sts = await startFakeSts();
    await new Promise<void>((resolve) => throttling.listen(0, '127.0.0.1', resolve));
    dynamoUrl = `http://127.0.0.1:${(throttling.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    daemon.close();
    await sts.close();
    throttling.close();
  });

  async function nextDocuments(count: number): Promise<Record<string, unknown>[]> {
    for (let i = 0; i < 100 && received.length < count; i += 1) await new Promise((r) => setTimeout(r, 10));
    return received.splice(0, count).map((datagram) => {
      const [header, body] = datagram.split('\n');
      expect(header).toBe('{"format":"json","version":1}');
      return JSON.parse(body ?? '') as Record<string, unknown>;
    });
  }

  it('sends one subsegment per call under the invocation facade segment', async () => {
    // Arrange
    const client = new STSClient({ region: 'eu-west-1', endpoint: sts.url, credentials });
    client.middlewareStack.use(xraySubsegments('STS', 'eu-west-1', env));

    // Act
    await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/r', RoleSessionName: 's' }));

    // Assert
    const [segment] = await nextDocuments(1);
    expect(segment).toMatchObject({
      name: 'STS',
      namespace: 'aws',
      type: 'subsegment',
      trace_id: '1-6761a3b2-0123456789abcdef01234567',
      parent_id: '53995c3f42cd8ad8',
      aws: { operation: 'AssumeRole', region: 'eu-west-1', retries: 0 },
      http: { response: { status: 200 } },
    });
    expect(segment!['id']).toMatch(/^[0-9a-f]{16}$/);
    expect(segment!['end_time']).toBeGreaterThanOrEqual(segment!['start_time'] as number);
  });

  it('marks a throttled call as error + throttle, with its table and request id', async () => {
    // Arrange
    const client = new DynamoDBClient({ region: 'eu-west-1', endpoint: dynamoUrl, credentials, maxAttempts: 2 });
    client.middlewareStack.use(xraySubsegments('DynamoDB', 'eu-west-1', env));

    // Act
    await client.send(new ScanCommand({ TableName: 'devices' })).catch(() => undefined);

    // Assert
    const [segment] = await nextDocuments(1);
    expect(segment).toMatchObject({
      name: 'DynamoDB',
      error: true,
      throttle: true,
      aws: { operation: 'Scan', table_name: 'devices', request_id: 'ddb-req-1', retries: 1 },
      http: { response: { status: 400 } },
    });
  });

  it.each([
    ['a server fault (5xx)', 500, 'fault'],
    ['a refused connection (no status)', undefined, 'fault'],
  ])('marks %s as a fault', async (_label, status, flag) => {
    // Arrange
    const failing = createServer((_req, res) => {
      res.writeHead(status ?? 500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' }));
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const port = (failing.address() as AddressInfo).port;
    if (status === undefined) await new Promise((resolve) => failing.close(resolve));
    const client = new DynamoDBClient({
      region: 'eu-west-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials,
      maxAttempts: 1,
    });
    client.middlewareStack.use(xraySubsegments('DynamoDB', 'eu-west-1', env));

    // Act
    await client.send(new ScanCommand({ TableName: 'devices' })).catch(() => undefined);
    failing.close();

    // Assert
    const [segment] = await nextDocuments(1);
    expect(segment).toMatchObject({ [flag]: true });
    expect(segment).not.toHaveProperty('throttle');
  });

  it.each([
    ['not sampled', { _X_AMZN_TRACE_ID: TRACE.replace('Sampled=1', 'Sampled=0') }],
    ['outside an invocation', { _X_AMZN_TRACE_ID: '' }],
    ['without a daemon', { AWS_XRAY_DAEMON_ADDRESS: '' }],
  ])('sends nothing when %s', async (_label, override) => {
    // Arrange
    const client = new STSClient({ region: 'eu-west-1', endpoint: sts.url, credentials });
    client.middlewareStack.use(xraySubsegments('STS', 'eu-west-1', { ...env, ...override }));

    // Act
    await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/r', RoleSessionName: 's' }));
    await new Promise((r) => setTimeout(r, 50));

    // Assert
    expect(received).toEqual([]);
  });

  it('understands the daemon address in its "tcp:… udp:…" form', async () => {
    // Arrange
    const port = daemon.address().port;
    const client = new STSClient({ region: 'eu-west-1', endpoint: sts.url, credentials });
    const both = { ...env, AWS_XRAY_DAEMON_ADDRESS: `tcp:127.0.0.1:2000 udp:127.0.0.1:${port}` };
    client.middlewareStack.use(xraySubsegments('STS', 'eu-west-1', both));

    // Act
    await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/r', RoleSessionName: 's' }));

    // Assert
    expect(await nextDocuments(1)).toHaveLength(1);
  });
});
