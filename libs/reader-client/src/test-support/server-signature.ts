import { createSigner } from '../create-signer';

/**
 * The signature a server computes for a recorded GET: from the URL as sent (percent-escapes decoded, `+` kept as a
 * plus, as AWS reads a query) and the request's own x-amz-date. Equal to the sent one only when the client signed
 * exactly what it sent.
 */
export async function serverSignature(
  request: { url: URL; headers: Record<string, string> },
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  region: string,
): Promise<string | undefined> {
  const query: Record<string, string> = {};
  for (const pair of request.url.search.slice(1).split('&').filter(Boolean)) {
    const [name = '', value = ''] = pair.split('=');
    query[decodeURIComponent(name)] = decodeURIComponent(value);
  }
  const date = request.headers['x-amz-date']!.replace(
    /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/,
    '$1-$2-$3T$4:$5:$6Z',
  );
  const { authorization: _authorization, ...headers } = request.headers;
  const signed = await createSigner({ credentials, region, service: 'execute-api' }).sign(
    {
      method: 'GET',
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      path: request.url.pathname,
      query,
      headers: { ...headers, host: request.url.host },
    },
    { signingDate: new Date(date) },
  );
  return /Signature=([0-9a-f]{64})/.exec(String(signed.headers['authorization']))?.[1];
}
