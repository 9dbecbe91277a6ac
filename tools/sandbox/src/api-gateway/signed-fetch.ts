import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../sigv4/node-sha256';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedFetchOptions {
  credentials?: SigningCredentials;
  region?: string;
  service?: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Bound on the whole exchange (headers and body), so a stuck server cannot hang the caller. @default none */
  timeoutMs?: number;
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
 * without credentials the request goes unsigned. The workspace's one SigV4 request helper: the sandbox's tests,
 * `npm start` and the bench (in process and in its client processes) all sign through it.
 */
export async function signedFetch(url: string, options: SignedFetchOptions = {}): Promise<FetchedResponse> {
  const target = new URL(url);
  const method = options.method ?? 'GET';
  let headers: Record<string, string> = { host: target.host, ...options.headers };
  if (options.credentials) {
    const signer = new SignatureV4({
      credentials: options.credentials,
      region: options.region ?? 'us-east-1',
      service: options.service ?? 'execute-api',
      sha256: NodeSha256,
    });
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of target.searchParams) {
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
  const response = await fetch(target, {
    method,
    headers: sendHeaders,
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
