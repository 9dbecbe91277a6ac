import { vi } from 'vitest';

/** One scripted answer: a status with a JSON body and headers, a network failure, or a request that never answers. */
export type FakeAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { fail: Error }
  | 'hang';

/** A `fetch` that answers from a script (the last answer repeats) and records each request. */
export function fakeFetch(...script: FakeAnswer[]) {
  const requests: Array<{ url: URL; headers: Record<string, string>; signal: AbortSignal | undefined }> = [];
  const fn = vi.fn(async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push({
      url: new URL(String(input)),
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      signal: init?.signal ?? undefined,
    });
    const answer = script[Math.min(requests.length, script.length) - 1] ?? { status: 500 };
    if (answer === 'hang')
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    if ('fail' in answer) throw answer.fail;
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  });
  return { fetch: fn as unknown as typeof fetch, requests, calls: () => requests.length };
}

export const apiError = (status: number, code: string, headers: Record<string, string> = {}): FakeAnswer => ({
  status,
  body: { error: { code, message: `${code} happened`, requestId: `req-${code}` } },
  headers,
});
