import type { IncomingHttpHeaders } from 'node:http';
import type { ApiMethod } from './types';

/**
 * The required request parameters (`method.request.<where>.<name>: true`) a request lacks, as API Gateway's
 * parameter validator lists them (`Missing required request parameters: [limit, x-id]`).
 */
export function missingRequestParameters(
  method: ApiMethod,
  request: { searchParams: URLSearchParams; headers: IncomingHttpHeaders; pathParameters: Record<string, string> },
): string[] {
  const missing: string[] = [];
  for (const [key, required] of Object.entries(method.requestParameters)) {
    if (!required) continue;
    const match = /^method\.request\.(querystring|header|path|multivaluequerystring|multivalueheader)\.(.+)$/.exec(key);
    if (!match) continue;
    const [, where = '', name = ''] = match;
    const present =
      where === 'path'
        ? (request.pathParameters[name] ?? '') !== ''
        : where.endsWith('querystring')
          ? request.searchParams.has(name)
          : request.headers[name.toLowerCase()] !== undefined;
    if (!present) missing.push(name);
  }
  return missing;
}
