import { API_ERROR_CLASSES, UnexpectedResponseError, type ReaderApiError } from './errors.js';
import type { FetchedResponse } from './signed-fetch.js';

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown };
  message?: unknown;
}

/**
 * The typed error for a non-2xx answer: `{ error: { code, message, requestId } }` from the reader and from the API's
 * gateway responses; anything else (AWS's default `{ message }`, HTML from a proxy) is an UnexpectedResponseError
 * naming `x-amzn-ErrorType` when there is one.
 */
export function apiErrorOf(response: FetchedResponse): ReaderApiError {
  const body = (typeof response.json === 'object' && response.json !== null ? response.json : {}) as ErrorBody;
  const code = stringOr(body.error?.code);
  const options = {
    status: response.status,
    requestId: stringOr(body.error?.requestId) ?? response.headers.get('x-amzn-requestid') ?? undefined,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
  };
  const message =
    stringOr(body.error?.message) ??
    stringOr(body.message) ??
    (response.text.slice(0, 200) || `HTTP ${response.status}`);
  if (code !== undefined && Object.hasOwn(API_ERROR_CLASSES, code))
    return new API_ERROR_CLASSES[code as keyof typeof API_ERROR_CLASSES](message, options);
  const apiCode = code ?? response.headers.get('x-amzn-errortype')?.split(':')[0] ?? undefined;
  return new UnexpectedResponseError(
    `HTTP ${response.status}${apiCode === undefined ? '' : ` ${apiCode}`}: ${message}`,
    {
      ...options,
      ...(apiCode === undefined ? {} : { apiCode }),
    },
  );
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
