import { apiErrorOf } from './api-error-of.js';
import { ReaderNetworkError } from './errors.js';
import type { FetchedResponse } from './signed-fetch.js';

export interface RetrySettings {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Backoff before retry n is a random share of min(maxDelayMs, baseDelayMs * 2^(n-1)) ("full jitter"). */
  readonly baseDelayMs: number;
  /** Longest wait before a retry; a Retry-After above it ends the retries (the error carries it). */
  readonly maxDelayMs: number;
}

/** 429 (API Gateway's throttling) and 503 (TargetThrottled, TargetUnavailable): the request may succeed later. */
const RETRYABLE_STATUS = new Set([429, 503]);

/**
 * Sends until a 2xx, a final error or the last attempt: 429 and 503 answers and network failures (refused, reset,
 * an attempt's timeout) are retried after Retry-After (when given) plus jittered exponential backoff, so many
 * clients throttled at once do not come back in step. Every wait and request ends at once when `signal` aborts,
 * with the signal's reason. Reads are idempotent, so a retry after a reset is safe.
 */
export async function sendWithRetries(
  send: (signal: AbortSignal | undefined) => Promise<FetchedResponse>,
  settings: RetrySettings,
  signal?: AbortSignal,
): Promise<FetchedResponse> {
  for (let attempt = 1; ; attempt += 1) {
    signal?.throwIfAborted();
    let response: FetchedResponse;
    try {
      response = await send(signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (attempt >= settings.maxAttempts)
        throw new ReaderNetworkError(
          `The read API did not answer (${attempt} attempt${attempt === 1 ? '' : 's'}): ${errorText(error)}`,
          { cause: error },
        );
      await sleep(backoffMs(attempt, settings), signal);
      continue;
    }
    if (response.status >= 200 && response.status < 300) return response;
    const error = apiErrorOf(response);
    const retryAfterMs = (error.retryAfterSeconds ?? 0) * 1000;
    if (!RETRYABLE_STATUS.has(response.status) || attempt >= settings.maxAttempts || retryAfterMs > settings.maxDelayMs)
      throw error;
    await sleep(retryAfterMs + backoffMs(attempt, settings), signal);
  }
}

function backoffMs(attempt: number, settings: RetrySettings): number {
  return Math.random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici's "fetch failed" hides the reason (ECONNREFUSED, ECONNRESET) in its cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
