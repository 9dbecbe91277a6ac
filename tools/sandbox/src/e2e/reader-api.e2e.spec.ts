import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaApiServices } from '../lambda-api/lambda-api-services';
import { ReaderStack } from './reader-stack';

interface Page {
  items: Array<{ deviceId: string; name: string }>;
  nextToken: string | null;
}

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('the reader behind the sandbox API (both real templates deployed, SigV4 over HTTP)', () => {
  let stack: ReaderStack;

  beforeAll(async () => {
    stack = await ReaderStack.start();
    await stack.deployTarget();
    await stack.deploySource();
    // 998 generated + the two classic items = 1,000.
    await stack.seed(998);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('reads all 1,000 items in pages of limit=97: none missing, no duplicates', async () => {
    // Arrange
    const seen: string[] = [];
    let pages = 0;
    let path = '/items?limit=97';

    // Act
    for (;;) {
      const response = await stack.get(path);
      expect(response.status).toBe(200);
      const page = response.json as Page;
      expect(page.items.length).toBeLessThanOrEqual(97);
      seen.push(...page.items.map((item) => item.deviceId));
      pages += 1;
      if (page.nextToken === null) break;
      path = `/items?limit=97&nextToken=${encodeURIComponent(page.nextToken)}`;
      expect(pages).toBeLessThan(20);
    }

    // Assert
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(seen).toEqual(expect.arrayContaining(['d0001', 'd0002', 'd0500', 'd1000']));
    expect(pages).toBeGreaterThanOrEqual(11);
  });

  it('answers the JSON contract headers', async () => {
    const response = await stack.get('/items?limit=1');

    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gets one item by key, and 404 NotFound for an absent one', async () => {
    const found = await stack.get('/items/d0001');
    const absent = await stack.get('/items/nope');

    expect(found.status).toBe(200);
    expect(found.json).toEqual({ deviceId: 'd0001', name: 'This is a pen.' });
    expect(absent.status).toBe(404);
    expect(absent.json).toMatchObject({ error: { code: 'NotFound', requestId: expect.any(String) } });
  });

  it('keeps an encoded slash inside the key (one path parameter, not another route)', async () => {
    const response = await stack.get('/items/d0001%2Fx');

    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ error: { code: 'NotFound' } });
  });

  it.each([
    ['limit=0', '/items?limit=0', 'limit'],
    ['limit=1001', '/items?limit=1001', 'limit'],
    ['limit=abc', '/items?limit=abc', 'limit'],
    ['limit=1e3', '/items?limit=1e3', 'limit'],
    ['an empty limit', '/items?limit=', 'limit'],
    ['a garbage nextToken', '/items?nextToken=%25%25garbage', 'nextToken'],
    ['a nextToken of a non-object', `/items?nextToken=${b64url([1, 2])}`, 'nextToken'],
    ['a nextToken with an extra key', `/items?nextToken=${b64url({ deviceId: 'd0001', extra: 'x' })}`, 'nextToken'],
    ['a nextToken with a wrong-typed key', `/items?nextToken=${b64url({ deviceId: 5 })}`, 'nextToken'],
    ['a 3 KB nextToken', `/items?nextToken=${b64url({ deviceId: 'x'.repeat(3000) })}`, 'nextToken'],
    ['a repeated limit', '/items?limit=5&limit=6', 'limit'],
    ['an unknown query parameter', '/items?limt=5', 'limt'],
    ['a query parameter on GetItem', '/items/d0001?sk=x', 'sk'],
  ])('answers 400 InvalidRequest for %s, naming the parameter', async (_label, path, parameter) => {
    const response = await stack.get(path);

    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      error: { code: 'InvalidRequest', message: expect.stringContaining(parameter) },
    });
    expect(response.text).not.toMatch(/at .*\.m?js:\d+|AKIA|ASIA|secret/i);
  });

  it("refuses an unsigned request with 403 Missing Authentication Token (the template's gateway response shape)", async () => {
    const response = await stack.get('/items', null);

    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({
      error: { code: 'MISSING_AUTHENTICATION_TOKEN', message: 'Missing Authentication Token' },
    });
  });

  it('refuses a wrong secret, an unknown access key and a signature for another service with 403', async () => {
    const caller = stack.caller();

    const wrongSecret = await stack.get('/items', { ...caller, secretAccessKey: `${caller.secretAccessKey}x` });
    const unknownKey = await stack.get('/items', { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' });

    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.json).toMatchObject({
      error: { message: expect.stringContaining('signature we calculated does not match') },
    });
    expect(unknownKey.status).toBe(403);
    expect(unknownKey.json).toMatchObject({
      error: { message: 'The security token included in the request is invalid.' },
    });
  });

  it("denies a principal whose policies do not allow execute-api:Invoke (the target account's admin)", async () => {
    const { accessKeyId, secretAccessKey } = stack.sandbox.adminCredentials(stack.stage.target.accountId);

    const response = await stack.get('/items', { accessKeyId, secretAccessKey });

    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({
      error: {
        code: 'ACCESS_DENIED',
        message: expect.stringMatching(
          /^User: arn:aws:iam::222222222222:user\/sandbox-admin is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111111111111:\w+\/v1\/GET\/items$/,
        ),
      },
    });
  });

  it('answers 403 Missing Authentication Token for routes and methods the API does not have', async () => {
    const unknownPath = await stack.get('/nothing');
    const post = await fetch(`${stack.apiUrl()}/items`, { method: 'POST', body: '{}' });

    expect(unknownPath.status).toBe(403);
    expect(post.status).toBe(403);
  });

  it(
    'serves 1,000 warm requests with exactly 1 AssumeRole (one cold start, credentials cached in the worker)',
    { timeout: 180_000 },
    async () => {
      // Arrange: a fresh execution environment and zeroed counters; the stage limits lifted for the load.
      const { apis, lambda } = lambdaApiServices(stack.sandbox.context);
      for (const fn of lambda.list()) fn.retireAll();
      apis.setThrottleScale(1000);
      stack.sandbox.resetCounters();

      // Act: one after another, as a warm container sees them.
      const statuses = new Map<number, number>();
      for (let i = 0; i < 1000; i += 1) {
        const response = await stack.get(
          i % 2 === 0 ? '/items?limit=5' : `/items/d${String((i % 1000) + 1).padStart(4, '0')}`,
        );
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
      apis.setThrottleScale(1);

      // Assert
      const counters = stack.sandbox.counters();
      expect(Object.fromEntries(statuses)).toEqual({ 200: 1000 });
      expect(counters['sts']?.['AssumeRole']).toBe(1);
      expect(counters['lambda']).toMatchObject({ Invoke: 1000, ColdStart: 1 });
    },
  );

  it('throttles beyond the stage burst with 429 and recovers at the stage rate', async () => {
    // Arrange: the template's limits (50 rps, burst 100) scaled to a tenth (5 rps, burst 10), fresh buckets. At full
    // scale a loaded machine serves 300 requests so slowly that the bucket refills and nothing is throttled.
    const { apis } = lambdaApiServices(stack.sandbox.context);
    apis.setThrottleScale(0.1);

    // Act
    const burst = await Promise.all(Array.from({ length: 300 }, () => stack.get('/items/d0001')));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const later = await stack.get('/items/d0001');

    // Assert
    const ok = burst.filter((r) => r.status === 200).length;
    const throttled = burst.filter((r) => r.status === 429);
    apis.setThrottleScale(1);
    expect(ok).toBeGreaterThanOrEqual(10);
    expect(throttled.length).toBeGreaterThan(0);
    expect(ok + throttled.length).toBe(300);
    expect(throttled[0]?.json).toMatchObject({ error: { code: 'THROTTLED', message: 'Too Many Requests' } });
    expect(later.status).toBe(200);
  });
});
