/** An HTTP response built from a Lambda proxy result. */
export interface ProxyHttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const ALLOWED_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded', 'cookies']);

/**
 * Reads the function's JSON payload as a proxy response. `undefined` means "Malformed Lambda proxy response"
 * (API Gateway answers 502): not an object, a bad statusCode, non-string body, unknown keys.
 */
export function parseProxyResult(payload: string): ProxyHttpResponse | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const result = value as Record<string, unknown>;
  if (Object.keys(result).some((key) => !ALLOWED_KEYS.has(key))) return undefined;
  const status = result['statusCode'] === undefined ? 200 : Number(result['statusCode']);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const body = result['body'];
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  const headers: Record<string, string | string[]> = {};
  const single = result['headers'];
  const multi = result['multiValueHeaders'];
  if (single !== undefined && single !== null) {
    if (typeof single !== 'object' || Array.isArray(single)) return undefined;
    for (const [name, v] of Object.entries(single)) headers[name.toLowerCase()] = String(v);
  }
  if (multi !== undefined && multi !== null) {
    if (typeof multi !== 'object' || Array.isArray(multi)) return undefined;
    for (const [name, v] of Object.entries(multi)) {
      if (!Array.isArray(v)) return undefined;
      headers[name.toLowerCase()] = v.map(String);
    }
  }
  const text = typeof body === 'string' ? body : '';
  return {
    statusCode: status,
    headers,
    body: result['isBase64Encoded'] === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
