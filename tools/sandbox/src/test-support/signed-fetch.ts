import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../sigv4/node-sha256';

/** Sends a SigV4-signed request with arbitrary (possibly malformed) content, as a misbehaving client would. */
export async function signedFetch(
  endpoint: string,
  keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  service: string,
  request: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<Response> {
  const url = new URL(request.path ?? '/', endpoint);
  const signer = new SignatureV4({ credentials: keys, region: 'us-east-1', service, sha256: NodeSha256 });
  const signed = await signer.sign({
    method: request.method ?? 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return fetch(url, {
    method: request.method ?? 'POST',
    headers: signed.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}
