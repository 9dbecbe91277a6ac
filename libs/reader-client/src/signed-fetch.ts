import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { createSigner } from './create-signer.js';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedFetchOptions {
  /** Keys, or a provider such as the SDK's default chain; without them the request goes unsigned. */
  credentials?: SigningCredentials | AwsCredentialIdentity | AwsCredentialIdentityProvider;
  region?: string;
  service?: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Bound on the whole exchange (headers and body), so a stuck server cannot hang the caller. @default none */
  timeoutMs?: number;
  /** Ends the exchange early (the fetch rejects with the signal's reason). */
  signal?: AbortSignal;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** A response read fully: status, headers, text and (when JSON) the parsed body. */
export interface FetchedResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/**
 * `fetch` signed with SigV4 as the AWS SDK (or `curl --aws-sigv4`) would sign an execute-api call;
 * without credentials the request goes unsigned. The workspace's one SigV4 request helper: the reader client,
 * the sandbox's tests, `npm start`, doctor and the bench all sign through it.
 */
export async function signedFetch(url: string, options: SignedFetchOptions = {}): Promise<FetchedResponse> {
  const target = new URL(url);
  const method = options.method ?? 'GET';
  let headers: Record<string, string> = { host: target.host, ...options.headers };
  if (options.credentials) {
    const signer = createSigner({
      credentials: options.credentials,
      region: options.region ?? 'us-east-1',
      service: options.service ?? 'execute-api',
    });
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of rawQueryPairs(target.search)) {
      const existing = query[name];
      query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    const signed = await signer.sign({
      method,
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port ? { port: Number(target.port) } : {}),
      path: target.pathname,
      query,
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    headers = signed.headers as Record<string, string>;
  }
  const { host: _host, ...sendHeaders } = headers;
  const timeout = new AbortController();
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => timeout.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, 'TimeoutError')),
          options.timeoutMs,
        );
  const signal = options.signal === undefined ? timeout.signal : AbortSignal.any([options.signal, timeout.signal]);
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(target, {
      method,
      headers: sendHeaders,
      ...(options.body === undefined ? {} : { body: options.body }),
      signal,
    });
    text = await response.text();
  } finally {
    clearTimeout(timer);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * The query's pairs decoded as AWS decodes them before canonicalizing: percent-escapes only, `+` stays a plus
 * (URLSearchParams would read it as a space and sign something other than what is sent).
 */
function rawQueryPairs(search: string): Array<[string, string]> {
  if (search.length <= 1) return [];
  return search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [decodeURIComponent(name), decodeURIComponent(value)];
    });
}
