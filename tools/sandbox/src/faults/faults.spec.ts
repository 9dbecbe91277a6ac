import {
  BatchWriteItemCommand,
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_HEADER } from '../admin/admin-header';
import { signedFetch } from '@xacct/reader-client';
import { lambdaApiServices } from '../lambda-api/lambda-api-services';
import { ACCOUNT as API_ACCOUNT, REGION, helloApiTemplate } from '../lambda-api/test-support/hello-api-template';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { creds, dynamoClient, stsClient } from '../test-support/clients';
import type { FaultDefinition } from './fault-definition';
import { FAULT_HEADER } from './with-faults';

const SOURCE = '111111111111';
const TARGET = '222222222222';
const ROLE_ARN = `arn:aws:iam::${TARGET}:role/faulty`;

/** What the AWS SDK throws, as far as these tests look at it. */
interface SdkError {
  name: string;
  code?: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
}

async function failureOf(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timed(times: number, call: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** The fastest of `times` runs of `none` and of `aws`, run alternately. */
async function fastestOfEach(
  times: number,
  none: () => Promise<unknown>,
  aws: () => Promise<unknown>,
): Promise<{ none: number; aws: number }> {
  const best = { none: Infinity, aws: Infinity };
  for (let i = 0; i < times; i += 1) {
    for (const [key, call] of [
      ['none', none],
      ['aws', aws],
    ] as const) {
      const started = performance.now();
      await call();
      best[key] = Math.min(best[key], performance.now() - started);
    }
  }
  return best;
}

/** The target-account role the source account's admin assumes (ROLE_ARN). */
function putFaultyRole(sandbox: Sandbox): void {
  sandbox.context.iam.putRole({
    accountId: TARGET,
    roleName: 'faulty',
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'sts:AssumeRole' }],
    },
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not reached in 5 s');
}

describe('fault injection, seen through the raw AWS SDK', () => {
  let sandbox: Sandbox;
  const sts = () => stsClient(sandbox.endpoint, creds(sandbox.adminCredentials(SOURCE)));
  const ddb = () => dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials(TARGET)));
  const assume = () => sts().send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'faults' }));
  const getItem = (client = ddb()) => client.send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'a' } } }));

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    putFaultyRole(sandbox);
    await ddb().send(
      new CreateTableCommand({
        TableName: 'things',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    await ddb().send(new PutItemCommand({ TableName: 'things', Item: { id: { S: 'a' } } }));
  });
  afterEach(() => {
    sandbox.faults.clear();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  describe('error: answered exactly as the service does', () => {
    it.each([
      ['dynamodb', 'ProvisionedThroughputExceededException', 400],
      ['dynamodb', 'ThrottlingException', 400],
      ['dynamodb', 'RequestLimitExceeded', 400],
      ['dynamodb', 'InternalServerError', 500],
      ['dynamodb', 'ServiceUnavailable', 503],
      ['dynamodb', 'ExpiredTokenException', 400],
      ['sts', 'Throttling', 400],
      ['sts', 'ExpiredToken', 400],
      ['sts', 'RegionDisabledException', 403],
      ['sts', 'ServiceUnavailable', 503],
    ] as const)('%s %s (HTTP %i), then the next request recovers', async (service, error, status) => {
      // Arrange
      const call = service === 'sts' ? assume : () => getItem();
      sandbox.faults.add({ service, kind: 'error', error, count: 1 });
      // Act
      const failure = await failureOf(call());
      const next = await call();
      // Assert
      expect(failure.name).toBe(error);
      expect(failure.$metadata?.httpStatusCode).toBe(status);
      expect(next.$metadata.httpStatusCode).toBe(200);
    });

    it("the body is the protocol's own error document, and the answer names the fault in a header", async () => {
      // Arrange
      const { id } = sandbox.faults.add({ service: 'sts', kind: 'error', error: 'Throttling' });
      const ddbFault = sandbox.faults.add({ service: 'dynamodb', kind: 'error', error: 'ThrottlingException' });
      // Act
      const stsAnswer = await fetch(sandbox.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      });
      const ddbAnswer = await fetch(sandbox.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
        body: '{}',
      });
      // Assert
      expect(stsAnswer.status).toBe(400);
      expect(stsAnswer.headers.get(FAULT_HEADER)).toBe(id);
      expect(await stsAnswer.text()).toMatch(
        /<ErrorResponse[^>]*>\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>Throttling<\/Code>\s*<Message>Rate exceeded<\/Message>/,
      );
      expect(ddbAnswer.headers.get(FAULT_HEADER)).toBe(ddbFault.id);
      expect(ddbAnswer.headers.get('content-type')).toBe('application/x-amz-json-1.0');
      expect(await ddbAnswer.json()).toEqual({
        __type: 'com.amazon.coral.availability#ThrottlingException',
        message: 'Rate of requests exceeds the allowed throughput.',
      });
    });
  });

  describe('reset: the client sees ECONNRESET', () => {
    it.each([
      ['STS AssumeRole', 'sts', () => assume()],
      ['DynamoDB GetItem', 'dynamodb', () => getItem()],
    ] as const)('%s, then the next request recovers', async (_name, service, call) => {
      // Arrange
      sandbox.faults.add({ service, kind: 'reset', count: 1 });
      // Act
      const failure = await failureOf(call());
      const next = await call();
      // Assert
      expect(failure.code ?? failure.message).toMatch(/ECONNRESET/);
      expect(next.$metadata.httpStatusCode).toBe(200);
    });
  });

  describe('hang: never answered until the client gives up or the fault is removed', () => {
    it.each([
      [
        'STS AssumeRole',
        'sts',
        'AssumeRole',
        (signal: AbortSignal) =>
          sts().send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'h' }), { abortSignal: signal }),
      ],
      [
        'DynamoDB GetItem',
        'dynamodb',
        'GetItem',
        (signal: AbortSignal) =>
          ddb().send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'a' } } }), { abortSignal: signal }),
      ],
    ] as const)(
      "%s: the client's own timeout ends it, and the held connection is let go",
      async (_name, service, action, call) => {
        // Arrange
        const { id } = sandbox.faults.add({ service, action, kind: 'hang' });
        // Act
        const failure = await failureOf(call(AbortSignal.timeout(300)));
        // Assert
        expect(failure.name).toMatch(/AbortError|TimeoutError/);
        await until(() => sandbox.faults.list().find((f) => f.id === id)?.held === 0);
        expect(sandbox.faults.list().find((f) => f.id === id)?.fired).toBe(1);
      },
    );

    it.each([
      ['STS', 'sts', () => assume()],
      ['DynamoDB', 'dynamodb', () => getItem()],
    ] as const)(
      '%s: removing the fault closes the held connection and the next request recovers',
      async (_name, service, call) => {
        // Arrange
        const { id } = sandbox.faults.add({ service, kind: 'hang' });
        const pending = failureOf(call());
        await until(() => sandbox.faults.list()[0]?.held === 1);
        // Act
        const removed = sandbox.faults.remove(id);
        const failure = await pending;
        const next = await call();
        // Assert
        expect(removed).toBe(true);
        expect(failure.code ?? failure.message).toMatch(/ECONNRESET|socket hang up/);
        expect(next.$metadata.httpStatusCode).toBe(200);
      },
    );
  });

  describe('latency', () => {
    it('delays the matching action only; measured as a ratio to the undelayed call in the same run', async () => {
      // Arrange
      const client = ddb();
      const identity = sts();
      await getItem(client);
      const baseline = await timed(5, () => getItem(client));
      sandbox.faults.add({ service: 'dynamodb', action: 'GetItem', kind: 'latency', ms: 100 });
      // Act
      const delayed = await timed(5, () => getItem(client));
      const unaffected = await timed(5, () => identity.send(new GetCallerIdentityCommand({})));
      // Assert: the delay only ever adds (no upper bound: shared cores are noisy)
      expect(delayed / Math.max(baseline, 1)).toBeGreaterThan(1);
      expect(delayed).toBeGreaterThanOrEqual(99);
      expect(unaffected).toBeLessThan(delayed);
      expect(sandbox.faults.list()[0]?.fired).toBe(5);
    });
  });

  describe('count, probability and account', () => {
    it('count: the next N matching requests, then the fault expires', async () => {
      // Arrange
      sandbox.faults.add({
        service: 'dynamodb',
        action: 'GetItem',
        kind: 'error',
        error: 'InternalServerError',
        count: 2,
      });
      // Act
      const outcomes = [];
      for (let i = 0; i < 3; i += 1)
        outcomes.push(
          await getItem().then(
            () => 'ok',
            (e: SdkError) => e.name,
          ),
        );
      // Assert
      expect(outcomes).toEqual(['InternalServerError', 'InternalServerError', 'ok']);
      expect(sandbox.faults.list()).toEqual([]);
    });

    it('probability: a seeded share of requests, the same pattern for the same seed', async () => {
      // Arrange
      const run = async () => {
        sandbox.faults.add({ service: 'sts', kind: 'error', error: 'Throttling', probability: 0.5, seed: 42 });
        const pattern: string[] = [];
        for (let i = 0; i < 12; i += 1)
          pattern.push(
            await sts()
              .send(new GetCallerIdentityCommand({}))
              .then(
                () => '.',
                () => 'x',
              ),
          );
        sandbox.faults.clear();
        return pattern.join('');
      };
      // Act
      const first = await run();
      const second = await run();
      // Assert
      expect(second).toBe(first);
      expect(first).toMatch(/x/);
      expect(first).toMatch(/\./);
    });

    it('account: only requests for resources of that account', async () => {
      // Arrange: the role lives in the target account; GetCallerIdentity is the source account's own
      sandbox.faults.add({ service: 'sts', account: TARGET, kind: 'error', error: 'AccessDenied' });
      // Act
      const failure = await failureOf(assume());
      const identity = await sts().send(new GetCallerIdentityCommand({}));
      // Assert
      expect(failure.name).toBe('AccessDenied');
      expect(identity.Account).toBe(SOURCE);
    });
  });

  describe('admin API', () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.endpoint}/_sandbox/${path}`, {
        method,
        headers: { [ADMIN_HEADER]: '1', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    it.each([
      [{ service: 's3', kind: 'hang' }, 'service'],
      [{ service: 'sts', kind: 'explode' }, 'kind'],
      [{ service: 'sts', kind: 'hang', action: 'Scan' }, 'action'],
      [{ service: 'sts', kind: 'error', error: 'ThrottlingException' }, 'error'],
      [{ service: 'dynamodb', kind: 'error' }, 'error'],
      [{ service: 'dynamodb', kind: 'latency', ms: -1 }, 'ms'],
      [{ service: 'dynamodb', kind: 'hang', probability: 1.5 }, 'probability'],
      [{ service: 'dynamodb', kind: 'hang', count: 0 }, 'count'],
      [{ service: 'dynamodb', kind: 'hang', account: '12' }, 'account'],
      [{ service: 'dynamodb', kind: 'hang', colour: 'red' }, 'colour'],
    ])('400 naming the field for %j', async (definition, field) => {
      // Act
      const response = await admin('POST', 'faults', definition);
      // Assert
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; field: string; message: string } };
      expect(error).toMatchObject({ code: 'InvalidFault', field });
      expect(error.message).toContain(field);
    });

    it('POST answers 201 with an id; GET and stats list it with its fired count; DELETE removes one or all', async () => {
      // Arrange
      const definition: FaultDefinition = { service: 'execute-api', kind: 'latency', ms: 1 };
      // Act
      const created = await admin('POST', 'faults', definition);
      const { id } = (await created.json()) as { id: string };
      await admin('POST', 'faults', { service: 'lambda', kind: 'error', error: 'TooManyRequestsException' });
      const listed = (await (await admin('GET', 'faults')).json()) as { faults: unknown[] };
      const stats = (await (await admin('GET', 'stats')).json()) as { faults: unknown[]; latency: string };
      const removedOne = await admin('DELETE', `faults/${id}`);
      const missing = await admin('DELETE', `faults/${id}`);
      const removedAll = (await (await admin('DELETE', 'faults')).json()) as { removed: number };
      // Assert
      expect(created.status).toBe(201);
      expect(listed.faults).toEqual([
        { ...definition, id, fired: 0, held: 0 },
        expect.objectContaining({ service: 'lambda', error: 'TooManyRequestsException' }),
      ]);
      expect(stats.faults).toEqual(listed.faults);
      expect(stats.latency).toBe('none');
      expect(removedOne.status).toBe(200);
      expect(missing.status).toBe(404);
      expect(removedAll.removed).toBe(1);
    });
  });
});

describe('faults on API Gateway and Lambda', () => {
  let sandbox: Sandbox;
  let url: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    // Deploying assumes the execution role as Lambda (an internal STS call): a fault on every STS request must not touch it.
    sandbox.faults.add({ service: 'sts', kind: 'error', error: 'ServiceUnavailable' });
    await sandbox.deploy({ template: helloApiTemplate(), stackName: 'hello', account: API_ACCOUNT, region: REGION });
    const api = lambdaApiServices(sandbox.context).apis.listRestApis()[0];
    url = `${sandbox.endpoint}/restapis/${api?.apiId ?? 'none'}/dev/_user_request_/hello`;
  });
  afterEach(() => {
    sandbox.faults.clear();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it("the sandbox's own calls (deploy, the function's role credentials) are never faulted", async () => {
    // Arrange: the STS fault from beforeAll is still in force for the first invoke (a cold start)
    sandbox.faults.add({ service: 'sts', kind: 'hang' });
    // Act
    const response = await signedFetch(url);
    // Assert
    expect(response.status).toBe(200);
    expect(sandbox.faults.list().map((f) => f.fired)).toEqual([0, 0]);
  });

  it("execute-api error: the gateway's own JSON error with x-amzn-ErrorType", async () => {
    // Arrange
    sandbox.faults.add({
      service: 'execute-api',
      account: API_ACCOUNT,
      kind: 'error',
      error: 'TooManyRequestsException',
      count: 1,
    });
    // Act
    const failed = await signedFetch(url);
    const next = await signedFetch(url);
    // Assert
    expect(failed.status).toBe(429);
    expect(failed.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(failed.json).toEqual({ message: 'Too Many Requests' });
    expect(next.status).toBe(200);
  });

  it.each(['error', 'reset'] as const)('lambda %s: API Gateway answers 500 Internal server error', async (kind) => {
    // Arrange
    sandbox.faults.add({
      service: 'lambda',
      kind,
      count: 1,
      ...(kind === 'error' ? { error: 'TooManyRequestsException' } : {}),
    });
    // Act
    const failed = await signedFetch(url);
    const next = await signedFetch(url);
    // Assert
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ message: 'Internal server error' });
    expect(next.status).toBe(200);
  });

  it('lambda hang: the invoke is held until the fault is removed, then fails (500) and the next one works', async () => {
    // Arrange
    const { id } = sandbox.faults.add({ service: 'lambda', kind: 'hang' });
    const pending = signedFetch(url);
    await until(() => sandbox.faults.list()[0]?.held === 1);
    // Act
    sandbox.faults.remove(id);
    const failed = await pending;
    const next = await signedFetch(url);
    // Assert
    expect(failed.status).toBe(500);
    expect(next.status).toBe(200);
  });
});

describe('latency model aws, beside none in the same run', () => {
  const sandboxes: Sandbox[] = [];
  afterAll(async () => {
    await Promise.all(sandboxes.map((sandbox) => sandbox.stop()));
  });

  async function world(
    latency: 'none' | 'aws',
  ): Promise<{ sandbox: Sandbox; ddb: DynamoDBClient; assume: () => Promise<unknown> }> {
    const sandbox = await startSandbox({ port: 0, log: () => undefined, latency });
    sandboxes.push(sandbox);
    putFaultyRole(sandbox);
    const ddb = dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials(TARGET)));
    await ddb.send(
      new CreateTableCommand({
        TableName: 'pages',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    // 200 items of 4 KB: an 800 KB page.
    for (let batch = 0; batch < 8; batch += 1) {
      await ddb.send(
        new BatchWriteItemCommand({
          RequestItems: {
            pages: Array.from({ length: 25 }, (_, i) => ({
              PutRequest: { Item: { id: { S: `k${batch * 25 + i}` }, pad: { S: 'x'.repeat(4096) } } },
            })),
          },
        }),
      );
    }
    const sts = stsClient(sandbox.endpoint, creds(sandbox.adminCredentials(SOURCE)));
    return {
      sandbox,
      ddb,
      assume: () => sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'lat' })),
    };
  }

  it('the delays it adds are at least the modelled minimum, and the client waits at least that long', async () => {
    // Arrange
    const fast = await world('none');
    const aws = await world('aws');
    const getItem = (ddb: DynamoDBClient) => () =>
      ddb.send(new GetItemCommand({ TableName: 'pages', Key: { id: { S: 'k1' } } }));
    const scan = (ddb: DynamoDBClient) => () => ddb.send(new ScanCommand({ TableName: 'pages', Limit: 200 }));
    const before = aws.sandbox.context.latency.added();
    // Act: interleaved, so load spikes on the shared cores hit both worlds alike; the fastest of each is compared
    const get = await fastestOfEach(5, getItem(fast.ddb), getItem(aws.ddb));
    const assume = await fastestOfEach(5, fast.assume, aws.assume);
    const scanPage = await fastestOfEach(5, scan(fast.ddb), scan(aws.ddb));
    const added = aws.sandbox.context.latency.added();
    // Assert: what the model added (exact accounting), and wall-clock lower bounds only (delays only ever add;
    // upper bounds and ratios of a few ms drown in the noise of two shared cores)
    const delta = (key: string) => ({
      requests: (added[key]?.requests ?? 0) - (before[key]?.requests ?? 0),
      ms: (added[key]?.ms ?? 0) - (before[key]?.ms ?? 0),
    });
    expect(delta('dynamodb:GetItem').requests).toBe(5);
    expect(delta('dynamodb:GetItem').ms).toBeGreaterThanOrEqual(5 * 3);
    expect(delta('sts:AssumeRole').ms).toBeGreaterThanOrEqual(5 * 15);
    expect(delta('dynamodb:page size').ms).toBeGreaterThanOrEqual(5 * 800 * 0.05);
    expect(fast.sandbox.context.latency.added()).toEqual({});
    expect(get.aws).toBeGreaterThanOrEqual(3);
    expect(assume.aws).toBeGreaterThanOrEqual(15);
    expect(scanPage.aws).toBeGreaterThanOrEqual(4 + 800 * 0.05 - 1);
  });
});
