import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReaderClient } from './create-reader-client';
import {
  InvalidRequestError,
  ReaderNetworkError,
  TargetThrottledError,
  TargetUnavailableError,
  ThrottledError,
} from './errors';
import { apiError, fakeFetch, type FakeAnswer } from './test-support/fake-fetch';

const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const PAGE: FakeAnswer = { status: 200, body: { items: [{ deviceId: 'd1' }], nextToken: null } };

function client(fetch: typeof globalThis.fetch, maxAttempts?: number, timeoutMs?: number) {
  return createReaderClient({
    baseUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/v1/',
    region: 'eu-west-1',
    credentials: KEYS,
    fetch,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/** Settles the promise's state without awaiting it, so a test can look at it between timer steps. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('retries (fake fetch, fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('429 THROTTLED: waits Retry-After (2 s) plus jitter, then succeeds', async () => {
    // Arrange
    const fake = fakeFetch(apiError(429, 'THROTTLED', { 'retry-after': '2' }), PAGE);

    // Act
    const result = track(client(fake.fetch).listItems());
    await vi.advanceTimersByTimeAsync(1999);
    const callsBeforeRetryAfter = fake.calls();
    await vi.advanceTimersByTimeAsync(1 + 100); // + 0.5 * 200 ms of jitter

    // Assert
    expect(callsBeforeRetryAfter).toBe(1);
    expect(fake.calls()).toBe(2);
    expect(result.value).toEqual({ items: [{ deviceId: 'd1' }], nextToken: null });
  });

  it('503 TargetThrottled: honours Retry-After from the reader', async () => {
    const fake = fakeFetch(apiError(503, 'TargetThrottled', { 'retry-after': '1' }), PAGE);

    const result = track(client(fake.fetch).listItems());
    await vi.advanceTimersByTimeAsync(999);
    const early = fake.calls();
    await vi.advanceTimersByTimeAsync(101);

    expect(early).toBe(1);
    expect(result.value?.items).toHaveLength(1);
  });

  it('503 TargetUnavailable without Retry-After: jittered exponential backoff (100 ms, then 200 ms at random 0.5)', async () => {
    const fake = fakeFetch(apiError(503, 'TargetUnavailable'), apiError(503, 'TargetUnavailable'), PAGE);

    const result = track(client(fake.fetch).listItems());
    await vi.advanceTimersByTimeAsync(99);
    const beforeFirst = fake.calls();
    await vi.advanceTimersByTimeAsync(1);
    const afterFirst = fake.calls();
    await vi.advanceTimersByTimeAsync(199);
    const beforeSecond = fake.calls();
    await vi.advanceTimersByTimeAsync(1);

    expect([beforeFirst, afterFirst, beforeSecond, fake.calls()]).toEqual([1, 2, 2, 3]);
    expect(result.value?.items).toHaveLength(1);
  });

  it('bounded: after maxAttempts the last typed error comes out, with status and requestId', async () => {
    const fake = fakeFetch(apiError(503, 'TargetThrottled', { 'retry-after': '1' }));

    const result = track(client(fake.fetch, 4).listItems());
    await vi.advanceTimersByTimeAsync(60_000);

    expect(fake.calls()).toBe(4);
    expect(result.error).toBeInstanceOf(TargetThrottledError);
    expect(result.error).toMatchObject({ status: 503, requestId: 'req-TargetThrottled', retryAfterSeconds: 1 });
  });

  it('does not retry a 400 or a 504', async () => {
    const bad = fakeFetch(apiError(400, 'InvalidRequest'));
    const late = fakeFetch(apiError(504, 'TargetUnavailable'));

    await expect(client(bad.fetch).listItems({ limit: 0 })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(client(late.fetch).listItems()).rejects.toMatchObject({ status: 504, code: 'TargetUnavailable' });

    expect([bad.calls(), late.calls()]).toEqual([1, 1]);
  });

  it('a Retry-After above the longest wait (20 s) is not waited for: the error carries it', async () => {
    const fake = fakeFetch(apiError(429, 'THROTTLED', { 'retry-after': '60' }), PAGE);

    await expect(client(fake.fetch).listItems()).rejects.toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 60 });

    expect(fake.calls()).toBe(1);
  });

  it('a connection reset is retried; a persistent one ends in ReaderNetworkError naming the cause', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: new Error('read ECONNRESET') });
    const once = fakeFetch({ fail: reset }, PAGE);
    const always = fakeFetch({ fail: reset });

    const recovered = track(client(once.fetch).listItems());
    const failed = track(client(always.fetch).listItems());
    await vi.advanceTimersByTimeAsync(10_000);

    expect(recovered.value?.items).toHaveLength(1);
    expect(failed.error).toBeInstanceOf(ReaderNetworkError);
    expect((failed.error as Error).message).toMatch(/3 attempts.*fetch failed: read ECONNRESET/);
    expect(always.calls()).toBe(3);
  });

  it('a hung attempt ends at timeoutMs and is retried; the next attempt answers', async () => {
    const fake = fakeFetch('hang', PAGE);

    const result = track(client(fake.fetch, 3, 5000).listItems());
    await vi.advanceTimersByTimeAsync(4999);
    const during = fake.calls();
    await vi.advanceTimersByTimeAsync(1 + 100);

    expect(during).toBe(1);
    expect(fake.calls()).toBe(2);
    expect(result.value?.items).toHaveLength(1);
  });

  it('abort while waiting for a retry: rejects at once with the reason, no further request', async () => {
    const fake = fakeFetch(apiError(503, 'TargetThrottled', { 'retry-after': '5' }), PAGE);
    const controller = new AbortController();

    const result = track(client(fake.fetch).listItems({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort(new Error('caller gave up'));
    await vi.advanceTimersByTimeAsync(0);
    const atAbort = { ...result };
    await vi.advanceTimersByTimeAsync(10_000);

    expect(atAbort.settled).toBe(true);
    expect((atAbort.error as Error).message).toBe('caller gave up');
    expect(fake.calls()).toBe(1);
  });

  it('abort during a hung request: the request itself is aborted (its signal fires) and nothing is retried', async () => {
    vi.useRealTimers();
    const fake = fakeFetch('hang', PAGE);
    const controller = new AbortController();

    const pending = client(fake.fetch).getItem('d1', { signal: controller.signal });
    await vi.waitFor(() => expect(fake.calls()).toBe(1));
    controller.abort();

    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests[0]?.signal?.aborted).toBe(true);
    expect(fake.calls()).toBe(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const fake = fakeFetch(PAGE);

    await expect(client(fake.fetch).query('d1', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });

    expect(fake.calls()).toBe(0);
  });

  it('429 without Retry-After is a ThrottledError after the last attempt', async () => {
    const fake = fakeFetch(apiError(429, 'THROTTLED'));

    const result = track(client(fake.fetch, 2).listItems());
    await vi.advanceTimersByTimeAsync(1000);

    expect(result.error).toBeInstanceOf(ThrottledError);
    expect(fake.calls()).toBe(2);
  });

  it('503 TargetUnavailable then 200: the caller sees only the page', async () => {
    const fake = fakeFetch(apiError(503, 'TargetUnavailable'), PAGE);

    const result = track(client(fake.fetch).listItems());
    await vi.advanceTimersByTimeAsync(200);

    expect(result.error).not.toBeInstanceOf(TargetUnavailableError);
    expect(result.value?.items).toHaveLength(1);
  });
});
