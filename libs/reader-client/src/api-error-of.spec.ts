import { describe, expect, it } from 'vitest';
import { apiErrorOf, parseRetryAfter } from './api-error-of';
import { API_ERROR_CLASSES, ReaderApiError, UnauthorizedError } from './errors';

const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  text: json === undefined ? '<html>bad gateway</html>' : JSON.stringify(json),
  json,
});

describe('apiErrorOf', () => {
  it.each(Object.entries(API_ERROR_CLASSES))('%s becomes its own class with status and requestId', (code, Class) => {
    const error = apiErrorOf(answer(418, { error: { code, message: 'why', requestId: 'req-1' } }));

    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ReaderApiError);
    expect(error).toMatchObject({ code, status: 418, requestId: 'req-1', message: 'why', name: `${Class.name}` });
  });

  it("API Gateway's 403 UNAUTHORIZED (an unknown access key) is typed", () => {
    const error = apiErrorOf(answer(403, { error: { code: 'UNAUTHORIZED', message: 'Unauthorized', requestId: 'r' } }));

    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 403 });
  });

  it('takes the request id from x-amzn-RequestId when the body has none, and Retry-After', () => {
    const error = apiErrorOf(
      answer(
        503,
        { error: { code: 'TargetThrottled', message: 'slow down' } },
        { 'x-amzn-requestid': 'h-1', 'retry-after': '3' },
      ),
    );

    expect(error).toMatchObject({ requestId: 'h-1', retryAfterSeconds: 3 });
  });

  it('a body that is not JSON: UnexpectedResponseError with the start of the text', () => {
    const error = apiErrorOf(answer(502, undefined));

    expect(error).toMatchObject({
      code: 'UnexpectedResponse',
      status: 502,
      message: 'HTTP 502: <html>bad gateway</html>',
    });
  });

  it('an unknown code is kept as apiCode', () => {
    const error = apiErrorOf(answer(403, { error: { code: 'INTEGRATION_FAILURE', message: 'expired' } }));

    expect(error).toMatchObject({
      code: 'UnexpectedResponse',
      apiCode: 'INTEGRATION_FAILURE',
      message: 'HTTP 403 INTEGRATION_FAILURE: expired',
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates; ignores what it cannot read', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');

    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
