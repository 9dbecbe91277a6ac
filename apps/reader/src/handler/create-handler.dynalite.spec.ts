import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createAssumeRoleCredentials, createTargetDocumentClient } from '@xacct/assume-role-client';
import type { AssumeRoleReaderEnv } from '@xacct/config';
import { mockClient } from 'aws-sdk-client-mock';
import dynalite from 'dynalite';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiEvent } from '../test-support/api-event';
import { lambdaContext } from '../test-support/lambda-context';
import { readerEnvs } from '../test-support/reader-envs';
import { recordingLogger } from '../test-support/recording-logger';
import { createHandler } from './create-handler';
import { toJsonNumber } from './to-json-number';

// The handler with the real assume-role client and the real SDK over HTTP to dynalite (a DynamoDB implementation),
// found through AWS_ENDPOINT_URL_DYNAMODB as in the sandbox. Only STS is mocked, so AssumeRole calls can be counted.
const ITEM_COUNT = 250;
/** Number keys of the `numbered` table, several of which a double cannot hold exactly. */
const NUMBER_KEYS = ['0.12345678901234567891', '9007199254740993', '1', '-2.5', '123456789012345678901234567890'];

function tokenOf(json: string): string {
  return Buffer.from(json).toString('base64url');
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const sts = new STSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIASOURCE', secretAccessKey: 'source-secret' },
});
const stsMock = mockClient(sts);

function handlerFor(env: AssumeRoleReaderEnv = readerEnvs.devices) {
  const credentials = createAssumeRoleCredentials({
    roleArn: env.targetRoleArn,
    externalId: env.externalId,
    sessionName: 'xacct-local-reader',
    sourceIdentity: env.sourceIdentity,
    region: env.targetRegion,
    stsClient: sts,
  });
  const client = createTargetDocumentClient({
    credentials,
    region: env.targetRegion,
    clientConfig: { maxAttempts: 1 },
    translateConfig: { unmarshallOptions: { wrapNumbers: toJsonNumber } },
  });
  const logger = recordingLogger();
  return { handler: createHandler({ env, client, logger, credentialStats: () => credentials.stats }), logger };
}

describe('createHandler against dynalite', () => {
  const dynamo = dynalite({ createTableMs: 0 });
  let dynamoUrl = '';

  beforeAll(async () => {
    dynamoUrl = await listen(dynamo);
    const admin = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: dynamoUrl,
      credentials: { accessKeyId: 'AKIAADMIN', secretAccessKey: 'admin' },
    });
    await admin.send(
      new CreateTableCommand({
        TableName: 'xacct-devices',
        AttributeDefinitions: [{ AttributeName: 'deviceId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'deviceId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await admin.send(
      new CreateTableCommand({
        TableName: 'numbered',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const id of NUMBER_KEYS) {
      await admin.send(new PutItemCommand({ TableName: 'numbered', Item: { id: { N: id }, name: { S: `n-${id}` } } }));
    }
    for (let i = 0; i < ITEM_COUNT; i += 1) {
      await admin.send(
        new PutItemCommand({
          TableName: 'xacct-devices',
          Item: { deviceId: { S: `d-${i}` }, reading: { N: String(i / 2) }, serial: { N: '123456789012345678901234' } },
        }),
      );
    }
  });
  afterAll(async () => {
    await new Promise((resolve) => dynamo.close(resolve));
  });
  beforeEach(() => {
    stsMock.reset();
    stsMock.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIAISSUED',
        SecretAccessKey: 'issued-secret',
        SessionToken: 'issued-token',
        Expiration: new Date(Date.now() + 3_600_000),
      },
    });
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamoUrl);
    return () => vi.unstubAllEnvs();
  });

  it('makes exactly 1 AssumeRole call for 100 invocations of the same handler', async () => {
    // Arrange
    const { handler, logger } = handlerFor(readerEnvs.devices);

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const event = i % 2 === 0 ? apiEvent('GET', '/items', { limit: '5' }) : apiEvent('GET', `/items/d-${i}`);
      statuses.push((await handler(event, lambdaContext(`r-${i}`))).statusCode);
    }

    // Assert
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(logger.lines[0]!.fields).toMatchObject({ credentialsFromCache: false, assumeRoleCallsInRequest: 1 });
    expect(logger.lines.slice(1).every((l) => l.fields['credentialsFromCache'] === true)).toBe(true);
    expect(logger.lines.at(-1)!.fields).toMatchObject({ assumeRoleCallsInRequest: 0, assumeRoleCallsTotal: 1 });
  });

  it('pages through the whole table with nextToken, every item exactly once', async () => {
    // Arrange
    const { handler } = handlerFor(readerEnvs.devices);
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;

    // Act
    do {
      const query: Record<string, string> = nextToken ? { limit: '100', nextToken } : { limit: '100' };
      const response = await handler(apiEvent('GET', '/items', query), lambdaContext());
      expect(response.statusCode).toBe(200);
      const body = JSON.parse(response.body) as { items: { deviceId: string }[]; nextToken: string | null };
      seen.push(...body.items.map((item) => item.deviceId));
      nextToken = body.nextToken;
      pages += 1;
    } while (nextToken !== null && pages < 10);

    // Assert
    expect(pages).toBe(3);
    expect(seen).toHaveLength(ITEM_COUNT);
    expect(new Set(seen).size).toBe(ITEM_COUNT);
  });

  it('returns an item, numbers a double cannot hold exactly as strings, and 404 for an absent key', async () => {
    // Arrange
    const { handler } = handlerFor(readerEnvs.devices);

    // Act
    const found = await handler(apiEvent('GET', '/items/d-7'), lambdaContext());
    const missing = await handler(apiEvent('GET', '/items/no-such-device'), lambdaContext());

    // Assert
    expect(found.statusCode).toBe(200);
    expect(JSON.parse(found.body)).toEqual({ deviceId: 'd-7', reading: 3.5, serial: '123456789012345678901234' });
    expect(missing.statusCode).toBe(404);
  });

  it('pages a table keyed on numbers a double cannot hold completely with limit=1', async () => {
    // Arrange
    const { handler } = handlerFor(readerEnvs.numbered);
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;

    // Act
    do {
      const query: Record<string, string> = nextToken ? { limit: '1', nextToken } : { limit: '1' };
      const response = await handler(apiEvent('GET', '/items', query), lambdaContext());
      expect(response.statusCode).toBe(200);
      const body = JSON.parse(response.body) as { items: { name: string }[]; nextToken: string | null };
      seen.push(...body.items.map((item) => item.name));
      nextToken = body.nextToken;
      pages += 1;
    } while (nextToken !== null && pages < 20);

    // Assert
    expect(seen.sort()).toEqual(NUMBER_KEYS.map((id) => `n-${id}`).sort());
  });

  it('gets an item by a number key with more digits than a double holds, without rounding', async () => {
    // Arrange
    const { handler } = handlerFor(readerEnvs.numbered);

    // Act
    const decimal = await handler(apiEvent('GET', '/items/0.12345678901234567891'), lambdaContext());
    const big = await handler(apiEvent('GET', '/items/9007199254740993'), lambdaContext());
    const rounded = await handler(apiEvent('GET', '/items/0.12345678901234568'), lambdaContext());

    // Assert
    expect(JSON.parse(decimal.body)).toEqual({ id: '0.12345678901234567891', name: 'n-0.12345678901234567891' });
    expect(JSON.parse(big.body)).toEqual({ id: '9007199254740993', name: 'n-9007199254740993' });
    expect(rounded.statusCode).toBe(404);
  });

  it.each([
    ['GET /items/1e-200', apiEvent('GET', '/items/1e-200'), /^key: /],
    ['GET /items/1e200', apiEvent('GET', '/items/1e200'), /^key: /],
    ['a nextToken {"id":1e-200}', apiEvent('GET', '/items', { nextToken: tokenOf('{"id":1e-200}') }), /^nextToken: /],
    ['a nextToken {"id":1e200}', apiEvent('GET', '/items', { nextToken: tokenOf('{"id":1e200}') }), /^nextToken: /],
  ])("answers 400 naming the parameter for a number outside DynamoDB's range: %s", async (_label, event, message) => {
    // Arrange
    const { handler } = handlerFor(readerEnvs.numbered);

    // Act
    const response = await handler(event, lambdaContext());

    // Assert
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'InvalidRequest', message } });
  });

  it('answers 200 for a nextToken {"id":1e20}, a valid number over 2^53', async () => {
    // Arrange
    const { handler } = handlerFor(readerEnvs.numbered);

    // Act
    const response = await handler(apiEvent('GET', '/items', { nextToken: tokenOf('{"id":1e20}') }), lambdaContext());

    // Assert
    expect(response.statusCode).toBe(200);
  });

  it('answers 502 TargetTableNotFound when the table does not exist', async () => {
    // Arrange
    const { handler } = handlerFor({ ...readerEnvs.devices, tableName: 'not-deployed', tableRef: 'not-deployed' });

    // Act
    const response = await handler(apiEvent('GET', '/items'), lambdaContext());

    // Assert
    expect(response.statusCode).toBe(502);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'TargetTableNotFound' } });
  });

  it('ends a request to a target that never answers with a clean 504 before the Lambda times out', async () => {
    // Arrange
    const hanging = createServer(() => undefined);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', await listen(hanging));
    const { handler } = handlerFor(readerEnvs.devices);

    // Act
    const response = await handler(apiEvent('GET', '/items'), lambdaContext('r', 700));
    hanging.closeAllConnections();
    hanging.close();

    // Assert
    expect(response.statusCode).toBe(504);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'TargetUnavailable' } });
  });

  it('answers 504 before the Lambda times out while AssumeRole is still hanging', async () => {
    // Arrange
    stsMock.reset();
    stsMock.on(AssumeRoleCommand).callsFake(() => new Promise(() => undefined));
    const { handler, logger } = handlerFor();

    // Act
    const response = await handler(apiEvent('GET', '/items/d-1'), lambdaContext('r', 700));

    // Assert
    expect(response.statusCode).toBe(504);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'TargetUnavailable' } });
    expect(logger.lines[0]!.fields).toMatchObject({ errorName: 'AbortError' });
  });
});
