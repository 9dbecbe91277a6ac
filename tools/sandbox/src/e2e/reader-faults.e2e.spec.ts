import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultDefinition } from '../faults/fault-definition';
import { lambdaApiServices } from '../lambda-api/lambda-api-services';
import { ReaderStack } from './reader-stack';

/** The reader's function timeout (source-infra's default); every answer must come before it. */
const FUNCTION_TIMEOUT_MS = 10_000;

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

/**
 * The end-to-end fault matrix of issue 11: the real bundle in a sandbox Lambda worker behind the signed API,
 * deployed from the real templates, with STS and DynamoDB failing through the sandbox's fault injection. Each row
 * says what the caller sees, that the answer comes before the function's timeout, and how the next request recovers
 * in the same warm environment. (Row 9, a refresh inside the 5-minute window, needs a clock the worker cannot fast-
 * forward; it runs against the real SDK and a slow loopback STS in apps/reader's dynalite suite.)
 */
describe('the reader under STS and DynamoDB faults (real bundle, real templates, signed API)', () => {
  let stack: ReaderStack;

  beforeAll(async () => {
    stack = await ReaderStack.start();
    await stack.deployTarget();
    await stack.deploySource();
    await stack.seed();
    reader().setMaxConcurrency(1); // one environment: "the next request" is served by the same warm worker
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    stack.sandbox.faults.clear();
  });

  function reader() {
    const [fn] = lambdaApiServices(stack.sandbox.context).lambda.list();
    if (!fn) throw new Error('source-infra deployed no function');
    return fn;
  }

  function assumeRoles(): number {
    return stack.sandbox.counters()['sts']?.['AssumeRole'] ?? 0;
  }

  function inject(definition: FaultDefinition): string {
    return stack.sandbox.faults.add(definition).id;
  }

  async function timedGet(path = '/items?limit=2') {
    const started = performance.now();
    const response = await stack.get(path);
    return { ...response, ms: performance.now() - started, body: response.json as ErrorBody };
  }

  /** Warm the single environment so a row starts from cached credentials. */
  async function warm(): Promise<void> {
    expect((await stack.get('/items?limit=1')).status).toBe(200);
  }

  it('1. STS hangs on a cold start: 503/504 TargetUnavailable in time; without the fault the same environment answers 200', async () => {
    // Arrange
    reader().retireAll();
    const fault = inject({ service: 'sts', action: 'AssumeRole', kind: 'hang' });

    // Act
    const hung = await timedGet();
    stack.sandbox.faults.remove(fault);
    const recovered = await timedGet();

    // Assert
    expect([503, 504]).toContain(hung.status);
    expect(hung.body.error.code).toBe('TargetUnavailable');
    expect(hung.ms).toBeLessThan(FUNCTION_TIMEOUT_MS);
    expect(recovered.status).toBe(200);
    expect(reader().counters()).toMatchObject({ warmWorkers: 1 });
  }, 30_000);

  it('2. STS throttles: 503 TargetThrottled with Retry-After; then 200', async () => {
    // Arrange
    reader().retireAll();
    const fault = inject({ service: 'sts', action: 'AssumeRole', kind: 'error', error: 'Throttling' });

    // Act
    const throttled = await timedGet();
    stack.sandbox.faults.remove(fault);
    const recovered = await timedGet();

    // Assert
    expect(throttled.status).toBe(503);
    expect(throttled.body.error.code).toBe('TargetThrottled');
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.ms).toBeLessThan(FUNCTION_TIMEOUT_MS);
    expect(recovered.status).toBe(200);
  });

  it('3. STS denies: 502 TargetAccessDenied without internals; the diagnosis is on the log line of that request id', async () => {
    // Arrange
    reader().retireAll();
    const fault = inject({ service: 'sts', action: 'AssumeRole', kind: 'error', error: 'AccessDenied' });

    // Act
    const denied = await timedGet();
    stack.sandbox.faults.remove(fault);
    const recovered = await timedGet();

    // Assert
    expect(denied.status).toBe(502);
    expect(denied.body.error.code).toBe('TargetAccessDenied');
    expect(denied.text).not.toMatch(/arn:|trust|ExternalId|EXTERNAL_ID|xacct-devices/);
    const line = reader()
      .logs.snapshot()
      .lines.find((l) => l.includes(denied.body.error.requestId) && l.includes('"message":"request"'));
    expect(line).toMatch(/"diagnosis":"AssumeRole on arn:aws:iam::222222222222:role\/[^"]*trust policy/);
    expect(recovered.status).toBe(200);
  });

  it('4. DynamoDB throttles every attempt: 503 TargetThrottled with Retry-After; throttled on the first attempt only: 200', async () => {
    // Arrange
    await warm();
    const always = inject({ service: 'dynamodb', action: 'Scan', kind: 'error', error: 'ThrottlingException' });

    // Act
    const throttled = await timedGet();
    stack.sandbox.faults.remove(always);
    inject({ service: 'dynamodb', action: 'Scan', kind: 'error', error: 'ThrottlingException', count: 1 });
    const retried = await timedGet();

    // Assert
    expect(throttled.status).toBe(503);
    expect(throttled.body.error.code).toBe('TargetThrottled');
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.ms).toBeLessThan(FUNCTION_TIMEOUT_MS);
    expect(retried.status).toBe(200);
  });

  it('5. DynamoDB 500 persists: 503 TargetUnavailable; once: 200', async () => {
    // Arrange
    await warm();
    const always = inject({ service: 'dynamodb', action: 'Scan', kind: 'error', error: 'InternalServerError' });

    // Act
    const failing = await timedGet();
    stack.sandbox.faults.remove(always);
    inject({ service: 'dynamodb', action: 'Scan', kind: 'error', error: 'InternalServerError', count: 1 });
    const retried = await timedGet();

    // Assert
    expect(failing.status).toBe(503);
    expect(failing.body.error.code).toBe('TargetUnavailable');
    expect(failing.ms).toBeLessThan(FUNCTION_TIMEOUT_MS);
    expect(retried.status).toBe(200);
  });

  it('6. DynamoDB hangs: 504 TargetUnavailable within the deadline; after removal: 200', async () => {
    // Arrange
    await warm();
    const fault = inject({ service: 'dynamodb', action: 'Scan', kind: 'hang' });

    // Act
    const hung = await timedGet();
    stack.sandbox.faults.remove(fault);
    const recovered = await timedGet();

    // Assert
    expect(hung.status).toBe(504);
    expect(hung.body.error.code).toBe('TargetUnavailable');
    expect(hung.ms).toBeLessThan(FUNCTION_TIMEOUT_MS);
    expect(recovered.status).toBe(200);
  }, 30_000);

  it('7. DynamoDB ExpiredTokenException once: 200 with exactly one extra AssumeRole; persistent: 502 with bounded AssumeRoles', async () => {
    // Arrange
    await warm();
    const before = assumeRoles();
    inject({ service: 'dynamodb', action: 'Scan', kind: 'error', error: 'ExpiredTokenException', count: 1 });

    // Act
    const once = await timedGet();
    const afterOnce = assumeRoles();
    inject({ service: 'dynamodb', action: 'Scan', kind: 'error', error: 'ExpiredTokenException' });
    const persistent = [];
    for (let i = 0; i < 5; i += 1) persistent.push(await timedGet());

    // Assert: one forced refresh per 30 s, so five rejected requests inside that interval cost no AssumeRole more.
    expect(once.status).toBe(200);
    expect(afterOnce - before).toBe(1);
    expect(persistent.map((r) => r.status)).toEqual([502, 502, 502, 502, 502]);
    expect(persistent.every((r) => r.body.error.code === 'TargetAccessDenied')).toBe(true);
    expect(assumeRoles() - afterOnce).toBeLessThanOrEqual(1);
  });

  it('8. connection reset on DynamoDB: 200 after the SDK retry', async () => {
    // Arrange
    await warm();
    inject({ service: 'dynamodb', action: 'Scan', kind: 'reset', count: 1 });

    // Act
    const response = await timedGet();

    // Assert
    expect(response.status).toBe(200);
    expect(stack.sandbox.faults.list()).toEqual([]);
  });
});
