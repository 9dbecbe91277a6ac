import {
  createReaderClient,
  InvalidRequestError,
  InvalidSignatureError,
  UnauthorizedError,
  type ReaderClient,
} from '@xacct/reader-client';
import { ReaderStack } from '@xacct/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Device {
  deviceId: string;
  name: string;
}

describe('@xacct/reader-client against the sandbox (both real templates deployed, SigV4 over HTTP)', () => {
  let stack: ReaderStack;
  let client: ReaderClient;

  beforeAll(async () => {
    stack = await ReaderStack.start();
    await stack.deployTarget();
    await stack.deploySource();
    await stack.seed(298); // + the two classic items = 300
    client = createReaderClient({
      baseUrl: stack.apiUrl(),
      region: stack.stage.source.region,
      credentials: stack.caller(),
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('getItem: the item, and undefined for a key that is not there', async () => {
    expect(await client.getItem<Device>('d0001')).toEqual({ deviceId: 'd0001', name: 'This is a pen.' });
    expect(await client.getItem('nope')).toBeUndefined();
  });

  it('getItem with format=dynamodb: DynamoDB JSON', async () => {
    expect(await client.getItem('d0002', { format: 'dynamodb' })).toEqual({
      deviceId: { S: 'd0002' },
      name: { S: 'Fooooooo' },
    });
  });

  it('listItems: one page of the requested size with a token; paginateItems: all 300 once', async () => {
    const page = await client.listItems<Device>({ limit: 5 });
    const all: string[] = [];
    for await (const item of client.paginateItems<Device>({ limit: 37 })) all.push(item.deviceId);

    expect(page.items).toHaveLength(5);
    expect(page.nextToken).toEqual(expect.any(String));
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
  });

  it('a parallel scan: 4 segments through paginateItems hold every item exactly once, with fields projected', async () => {
    const segments = await Promise.all(
      [0, 1, 2, 3].map(async (segment) => {
        const ids: string[] = [];
        for await (const item of client.paginateItems<Device>({
          segment,
          totalSegments: 4,
          limit: 25,
          fields: ['deviceId'],
        }))
          ids.push(item.deviceId);
        return ids;
      }),
    );
    const one = await client.listItems({ limit: 1, fields: ['deviceId'], consistent: true });

    expect(segments.flat()).toHaveLength(300);
    expect(new Set(segments.flat()).size).toBe(300);
    expect(segments.every((ids) => ids.length > 0)).toBe(true);
    expect(one.items).toEqual([{ deviceId: expect.any(String) }]);
  });

  it('a token of one segment used on another is an InvalidRequestError naming nextToken', async () => {
    const first = await client.listItems({ segment: 0, totalSegments: 2, limit: 1 });

    const error = await client
      .listItems({ segment: 1, totalSegments: 2, nextToken: first.nextToken ?? '' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/^nextToken/);
  });

  it('a bad parameter is an InvalidRequestError with status, requestId and the parameter named', async () => {
    const error = await client.listItems({ limit: 0 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 400, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((error as Error).message).toMatch(/^limit/);
  });

  it('a wrong secret is API Gateway’s INVALID_SIGNATURE (403), typed, not retried', async () => {
    const wrong = createReaderClient({
      baseUrl: stack.apiUrl(),
      region: stack.stage.source.region,
      credentials: { ...stack.caller(), secretAccessKey: 'not-the-secret' },
    });

    const error = await wrong.listItems().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidSignatureError);
    expect(error).toMatchObject({ status: 403, requestId: expect.any(String) });
  });

  it('an unknown access key is API Gateway’s UNAUTHORIZED (403), typed, not retried', async () => {
    const unknown = createReaderClient({
      baseUrl: stack.apiUrl(),
      region: stack.stage.source.region,
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' },
    });

    const error = await unknown.listItems().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ status: 403, code: 'UNAUTHORIZED' });
  });

  it('DynamoDB throttling the reader: 503 TargetThrottled with Retry-After 1, retried after it, then 200', async () => {
    await client.listItems({ limit: 1 }); // warm: no AssumeRole in the measured call
    // Every attempt of the reader's SDK (3) is throttled, so the reader answers 503; the client's retry is not.
    const fault = stack.sandbox.faults.add({
      service: 'dynamodb',
      action: 'Scan',
      kind: 'error',
      error: 'ThrottlingException',
      count: 3,
    });
    const started = Date.now();

    const page = await client.listItems({ limit: 1 });

    expect(page.items).toHaveLength(1);
    expect(stack.sandbox.faults.list().find((f) => f.id === fault.id)).toBeUndefined(); // all 3 used up
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('an abort ends the call at once with the signal’s reason', async () => {
    const fault = stack.sandbox.faults.add({ service: 'execute-api', kind: 'hang' });
    const controller = new AbortController();
    const pending = client.listItems({ limit: 1, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 200);

    await expect(pending).rejects.toThrow('caller gave up');
    stack.sandbox.faults.remove(fault.id);
    expect((await client.listItems({ limit: 1 })).items).toHaveLength(1);
  });
});
