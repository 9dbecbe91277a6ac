import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createAssumeRoleCredentials, createTargetDocumentClient } from '@xacct/assume-role-client';
import type { AssumeRoleReaderEnv } from '@xacct/config';
import { mockClient } from 'aws-sdk-client-mock';
import dynalite from 'dynalite';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { unmarshallNumber } from '../format/unmarshall-number';
import { apiEvent } from '../test-support/api-event';
import { lambdaContext } from '../test-support/lambda-context';
import { readerEnvs } from '../test-support/reader-envs';
import { recordingLogger } from '../test-support/recording-logger';
import { recordingMetrics } from '../test-support/recording-metrics';
import { createHandler, type ReaderHandler } from './create-handler';

// The handler with the real assume-role client and the real SDK over HTTP to dynalite (a DynamoDB implementation),
// found through AWS_ENDPOINT_URL_DYNAMODB as in the sandbox. Only STS is mocked, so AssumeRole calls can be counted.
const ITEM_COUNT = 250;
/** Number keys of the `numbered` table, several of which a double cannot hold exactly. */
const NUMBER_KEYS = ['0.12345678901234567891', '9007199254740993', '1', '-2.5', '123456789012345678901234567890'];

/** Keys at DynamoDB's maximum sizes: 2,048-byte partition and 1,024-byte sort keys (ASCII, 3-byte UTF-8, quotes). */
const MAX_SIZE_KEYS: [string, string][] = [
  ['a'.repeat(2048), 'z'.repeat(1024)],
  ['€'.repeat(682) + 'bb', '"'.repeat(1024)],
  ['c'.repeat(2048), '\\'.repeat(1024)],
];

/** A 400 KB item (DynamoDB's limit counts names and values) and three that fill a 1 MB Scan page. */
const BLOBS: [string, number][] = [
  ['blob-400k', 400 * 1024 - 64],
  ['page-1', 340_000],
  ['page-2', 340_000],
  ['page-3', 340_000],
];

/**
 * The `history` table (readerEnvs.history): 5 devices × 6 monthly readings (2026-01 to 2026-06), owners alice (3 devices) and bob (2), plus one
 * device whose partition key, sort keys and owner are at DynamoDB's maximum sizes (2,048 / 1,024 / 2,048 bytes).
 */
const MAX_DEVICE = 'm'.repeat(2048);
const MAX_OWNER = '€'.repeat(682) + 'oo';
const HISTORY = [
  ...Array.from({ length: 30 }, (_, i) => ({
    deviceId: `h-${i % 5}`,
    timestamp: `2026-0${1 + Math.floor(i / 5)}-01T00:00:00Z`,
    owner: i % 5 < 3 ? 'alice' : 'bob',
    temp: i,
  })),
  ...['1', '2', '3'].map((digit, i) => ({
    deviceId: MAX_DEVICE,
    timestamp: digit.repeat(1024),
    owner: MAX_OWNER,
    temp: 100 + i,
  })),
];

function blob(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) % 256);
}

/** An AssumeRole answer with one-hour credentials. */
function issued(n = 0) {
  return {
    Credentials: {
      AccessKeyId: `ASIAISSUED${n}`,
      SecretAccessKey: 'issued-secret',
      SessionToken: 'issued-token',
      Expiration: new Date(Date.now() + 3_600_000),
    },
  };
}

/** A Scan's nextToken whose key is written as this JSON text (to keep number spellings like `1e20`). */
function tokenOf(json: string): string {
  return Buffer.from(`{"scope":"/items","key":${json}}`).toString('base64url');
}

/** Follows nextToken from the first page to the last (at most 50 pages), collecting items and tokens. */
async function readAllPages<T>(
  handler: ReaderHandler,
  path: string,
  query: Record<string, string>,
): Promise<{ items: T[]; tokens: string[]; pages: number }> {
  const items: T[] = [];
  const tokens: string[] = [];
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const response = await handler(
      apiEvent('GET', path, { ...query, ...(nextToken ? { nextToken } : {}) }),
      lambdaContext(),
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = JSON.parse(response.body) as { items: T[]; nextToken: string | null };
    items.push(...body.items);
    nextToken = body.nextToken;
    if (nextToken) tokens.push(nextToken);
    pages += 1;
  } while (nextToken !== null && pages < 50);
  return { items, tokens, pages };
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

function handlerFor(
  env: AssumeRoleReaderEnv = readerEnvs.devices,
  credentialOptions: { refreshMarginMs?: number } = {},
) {
  const credentials = createAssumeRoleCredentials({
    roleArn: env.targetRoleArn,
    externalId: env.externalId,
    sessionName: 'xacct-local-reader',
    sourceIdentity: env.sourceIdentity,
    region: env.targetRegion,
    stsClient: sts,
    ...credentialOptions,
  });
  const client = createTargetDocumentClient({
    credentials,
    region: env.targetRegion,
    clientConfig: { maxAttempts: 1 },
    // As main.ts creates it.
    translateConfig: { unmarshallOptions: { wrapNumbers: unmarshallNumber } },
  });
  const logger = recordingLogger();
  const metrics = recordingMetrics();
  return { handler: createHandler({ env, client, credentials, logger, metrics }), logger, metrics, credentials };
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
    await admin.send(
      new CreateTableCommand({
        TableName: 'events',
        AttributeDefinitions: [
          { AttributeName: 'deviceId', AttributeType: 'S' },
          { AttributeName: 'eventId', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'deviceId', KeyType: 'HASH' },
          { AttributeName: 'eventId', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const [deviceId, eventId] of MAX_SIZE_KEYS) {
      await admin.send(
        new PutItemCommand({ TableName: 'events', Item: { deviceId: { S: deviceId }, eventId: { S: eventId } } }),
      );
    }
    await admin.send(
      new CreateTableCommand({
        TableName: 'xacct-history',
        AttributeDefinitions: [
          { AttributeName: 'deviceId', AttributeType: 'S' },
          { AttributeName: 'timestamp', AttributeType: 'S' },
          { AttributeName: 'owner', AttributeType: 'S' },
          { AttributeName: 'type', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'deviceId', KeyType: 'HASH' },
          { AttributeName: 'timestamp', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byOwner',
            KeySchema: [
              { AttributeName: 'owner', KeyType: 'HASH' },
              { AttributeName: 'timestamp', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: 'byType',
            KeySchema: [{ AttributeName: 'type', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const reading of HISTORY) {
      await admin.send(
        new PutItemCommand({
          TableName: 'xacct-history',
          Item: {
            deviceId: { S: reading.deviceId },
            timestamp: { S: reading.timestamp },
            owner: { S: reading.owner },
            type: { S: 'thermo' },
            temp: { N: String(reading.temp) },
            note: { S: 'not projected by fields' },
          },
        }),
      );
    }
    await admin.send(
      new CreateTableCommand({
        TableName: 'blobs',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const [id, size] of BLOBS) {
      await admin.send(new PutItemCommand({ TableName: 'blobs', Item: { id: { S: id }, data: { B: blob(size) } } }));
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
    stsMock.on(AssumeRoleCommand).resolves(issued());
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

    // Act
    const { items, pages } = await readAllPages<{ deviceId: string }>(handler, '/items', { limit: '100' });

    // Assert
    const seen = items.map((item) => item.deviceId);
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

    // Act
    const { items } = await readAllPages<{ name: string }>(handler, '/items', { limit: '1' });

    // Assert
    expect(items.map((item) => item.name).sort()).toEqual(NUMBER_KEYS.map((id) => `n-${id}`).sort());
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

  it.each(['json', 'dynamodb'])(
    'pages a table whose keys are at the maximum sizes with limit=1: every nextToken round-trips (format=%s)',
    async (format) => {
      // Arrange
      const { handler } = handlerFor(readerEnvs.events);

      // Act
      const { items } = await readAllPages<Record<string, unknown>>(handler, '/items', { limit: '1', format });

      // Assert
      expect(items).toHaveLength(MAX_SIZE_KEYS.length);
    },
  );

  it('returns a 400 KB binary item and a full 1 MB page of binary intact, in both formats', async () => {
    // Arrange
    const { handler } = handlerFor({
      ...readerEnvs.devices,
      tableName: 'blobs',
      tableRef: 'blobs',
      partitionKey: { name: 'id', type: 'S' },
    });
    const expected = new Map(BLOBS.map(([id, size]) => [id, Buffer.from(blob(size)).toString('base64')]));

    // Act
    const single = await handler(apiEvent('GET', '/items/blob-400k'), lambdaContext());
    const page = await handler(apiEvent('GET', '/items', { limit: '10' }), lambdaContext());
    const raw = await handler(apiEvent('GET', '/items', { limit: '10', format: 'dynamodb' }), lambdaContext());

    // Assert
    expect(JSON.parse(single.body)).toEqual({ id: 'blob-400k', data: expected.get('blob-400k') });
    const items = (JSON.parse(page.body) as { items: { id: string; data: string }[] }).items;
    const rawItems = (JSON.parse(raw.body) as { items: { id: { S: string }; data: { B: string } }[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const item of items) expect(item.data).toBe(expected.get(item.id));
    for (const item of rawItems) expect(item.data.B).toBe(expected.get(item.id.S));
    expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(6 * 1024 * 1024);
  });

  it('keeps answering 200 at normal latency inside the refresh window while STS takes 3 s (fault matrix row 9)', async () => {
    // Arrange: a refresh margin as long as the session puts the credentials in the window right after the first fetch.
    stsMock.reset();
    stsMock
      .on(AssumeRoleCommand)
      .resolvesOnce(issued(1))
      .callsFake(() => new Promise((resolve) => setTimeout(() => resolve(issued(2)), 3_000)));
    const { handler, logger } = handlerFor(readerEnvs.devices, { refreshMarginMs: 3_600_000 });
    await handler(apiEvent('GET', '/items/d-1'), lambdaContext('cold'));

    // Act
    const latencies: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      statuses.push((await handler(apiEvent('GET', '/items/d-1'), lambdaContext(`r-${i}`))).statusCode);
      latencies.push(performance.now() - started);
    }
    const assumeRoleCalls = stsMock.commandCalls(AssumeRoleCommand).length;
    await new Promise((resolve) => setTimeout(resolve, 3_100)); // let the background refresh finish

    // Assert: no request waited for the slow STS; one background refresh, not one per request.
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    expect(assumeRoleCalls).toBe(2);
    // The cold request's second credential ask (the SDK asks more than once) already found them in the window.
    expect(logger.lines[0]!.fields).toMatchObject({ assumeRoleCallsInRequest: 1, backgroundRefreshStarted: true });
    const warm = logger.lines.slice(1).map((l) => l.fields);
    expect(warm.every((f) => f['credentialsFromCache'] === true && !('backgroundRefreshStarted' in f))).toBe(true);
  });

  it('answers 504 before the Lambda times out while AssumeRole is still hanging', async () => {
    // Arrange
    stsMock.reset();
    stsMock.on(AssumeRoleCommand).callsFake(() => new Promise(() => undefined));
    const { handler, logger } = handlerFor();

    // Act
    const response = await handler(apiEvent('GET', '/items/d-1'), lambdaContext('r', 700));
    stsMock.reset();
    stsMock.on(AssumeRoleCommand).resolves(issued());
    const next = await handler(apiEvent('GET', '/items/d-1'), lambdaContext('r2'));

    // Assert: the abandoned AssumeRole was dropped, so the next request in the same environment made a new one.
    expect(response.statusCode).toBe(504);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'TargetUnavailable' } });
    expect(logger.lines[0]!.fields).toMatchObject({ errorName: 'AbortError', assumeRoleCallsInRequest: 1 });
    expect(next.statusCode).toBe(200);
    expect(logger.lines[1]!.fields).toMatchObject({ assumeRoleCallsInRequest: 1, credentialsFromCache: false });
  });

  describe('v2 routes on a table with a sort key and GSIs', () => {
    type Reading = { deviceId: string; timestamp: string; owner?: string; temp?: number; note?: string };

    it.each([
      ['asc', {}, ['01', '02', '03', '04', '05', '06']],
      ['desc', { order: 'desc' }, ['06', '05', '04', '03', '02', '01']],
      ['skFrom/skTo (inclusive)', { skFrom: '2026-02-01T00:00:00Z', skTo: '2026-04-01T00:00:00Z' }, ['02', '03', '04']],
      ['skFrom alone', { skFrom: '2026-05' }, ['05', '06']],
      ['skTo alone, desc', { skTo: '2026-02-01T00:00:00Z', order: 'desc' }, ['02', '01']],
      ['skBeginsWith', { skBeginsWith: '2026-03' }, ['03']],
    ])('queries a partition in sort-key order, paged by 2: %s', async (_label, query, months) => {
      // Arrange
      const { handler } = handlerFor(readerEnvs.history);

      // Act
      const { items, pages } = await readAllPages<Reading>(handler, '/items/h-1', { limit: '2', ...query });

      // Assert
      expect(items.map((item) => item.timestamp.slice(5, 7))).toEqual(months);
      expect(items.every((item) => item.deviceId === 'h-1')).toBe(true);
      expect(pages).toBe(Math.floor(months.length / 2) + 1);
    });

    it('reads one reading with sk (GetItem) and a consistent read, projected', async () => {
      // Arrange
      const { handler } = handlerFor(readerEnvs.history);

      // Act
      const response = await handler(
        apiEvent('GET', '/items/h-2', { sk: '2026-03-01T00:00:00Z', consistent: 'true', fields: 'temp' }),
        lambdaContext(),
      );

      // Assert
      expect(JSON.parse(response.body)).toEqual({ deviceId: 'h-2', timestamp: '2026-03-01T00:00:00Z', temp: 12 });
    });

    it('queries the byOwner GSI across devices in timestamp order, projected, every reading once', async () => {
      // Arrange
      const { handler } = handlerFor(readerEnvs.history);

      // Act
      const { items } = await readAllPages<Reading>(handler, '/indexes/byOwner/items/alice', {
        limit: '4',
        fields: 'temp',
        skFrom: '2026-02',
      });

      // Assert: 3 devices × 5 readings from February; keys of the index and the table, and temp, nothing else.
      expect(items).toHaveLength(15);
      expect(new Set(items.map((item) => `${item.deviceId} ${item.timestamp}`)).size).toBe(15);
      expect(items.map((item) => item.timestamp)).toEqual([...items.map((item) => item.timestamp)].sort());
      expect(items.every((item) => Object.keys(item).sort().join() === 'deviceId,owner,temp,timestamp')).toBe(true);
    });

    it('queries a hash-only GSI with KEYS_ONLY projection', async () => {
      // Arrange
      const { handler } = handlerFor(readerEnvs.history);

      // Act
      const { items } = await readAllPages<Reading>(handler, '/indexes/byType/items/thermo', { limit: '7' });

      // Assert
      expect(items).toHaveLength(HISTORY.length);
      expect(Object.keys(items[0] ?? {}).sort()).toEqual(['deviceId', 'timestamp', 'type']);
    });

    it.each([
      ['a partition Query', `/items/${MAX_DEVICE}`, {}],
      ['an index Query', `/indexes/byOwner/items/${encodeURIComponent(MAX_OWNER)}`, {}],
      [
        'an index Query in DynamoDB JSON',
        `/indexes/byOwner/items/${encodeURIComponent(MAX_OWNER)}`,
        { format: 'dynamodb' },
      ],
    ])(
      'pages keys at the maximum sizes with limit=1: every nextToken round-trips (%s)',
      async (_label, path, query) => {
        // Arrange
        const { handler } = handlerFor(readerEnvs.history);

        // Act
        const { items, tokens } = await readAllPages<Record<string, unknown>>(handler, path, { limit: '1', ...query });

        // Assert: an index token holds the owner (2,048 bytes), the timestamp (1,024) and the device (2,048).
        expect(items).toHaveLength(3);
        expect(Math.max(...tokens.map((token) => token.length))).toBeGreaterThan(
          path.startsWith('/indexes') ? 6_800 : 4_000,
        );
      },
    );

    it('exports the table with a 4-segment parallel Scan: every item exactly once, tokens bound to their segment', async () => {
      // Arrange
      const { handler } = handlerFor(readerEnvs.history);
      const seen: string[] = [];
      const firstTokens: string[] = [];

      // Act
      for (let segment = 0; segment < 4; segment += 1) {
        const { items, tokens } = await readAllPages<Reading>(handler, '/items', {
          limit: '3',
          segment: String(segment),
          totalSegments: '4',
        });
        seen.push(...items.map((item) => `${item.deviceId} ${item.timestamp}`));
        if (tokens[0]) firstTokens.push(tokens[0]);
      }
      const crossed = await handler(
        apiEvent('GET', '/items', { segment: '3', totalSegments: '4', nextToken: firstTokens[0] ?? '' }),
        lambdaContext(),
      );

      // Assert
      expect(seen).toHaveLength(HISTORY.length);
      expect(new Set(seen).size).toBe(HISTORY.length);
      expect(crossed.statusCode).toBe(400);
      expect(JSON.parse(crossed.body)).toMatchObject({
        error: { message: expect.stringMatching(/^nextToken: was issued for "\/items segment \d of 4"/) },
      });
    });

    it.each([
      ['a partition Query', '/items/h-1'],
      ['an index Query', '/indexes/byOwner/items/alice'],
    ])(
      'ends %s to a target that never answers with a clean 504, and the next request recovers',
      async (_label, path) => {
        // Arrange
        const hanging = createServer(() => undefined);
        vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', await listen(hanging));
        const { handler } = handlerFor(readerEnvs.history);

        // Act
        const response = await handler(apiEvent('GET', path), lambdaContext('r', 700));
        hanging.closeAllConnections();
        hanging.close();
        vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamoUrl);
        const next = await handlerFor(readerEnvs.history).handler(apiEvent('GET', path), lambdaContext('r2'));

        // Assert
        expect(response.statusCode).toBe(504);
        expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'TargetUnavailable' } });
        expect(next.statusCode).toBe(200);
      },
    );

    it('answers 502 TargetTableNotFound when the table lacks a declared index', async () => {
      // Arrange
      const env = {
        ...readerEnvs.history,
        indexes: [
          ...readerEnvs.history.indexes,
          { name: 'notDeployed', partitionKey: { name: 'owner', type: 'S' as const } },
        ],
      };
      const { handler } = handlerFor(env);

      // Act
      const response = await handler(apiEvent('GET', '/indexes/notDeployed/items/alice'), lambdaContext());

      // Assert
      expect(response.statusCode).toBe(502);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'TargetTableNotFound' } });
    });
  });
});
