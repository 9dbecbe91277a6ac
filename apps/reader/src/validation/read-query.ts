import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError } from '../errors';

/**
 * The query parameters of a route, each at most once. Unknown parameters are rejected so that typos
 * (`limt=5`) surface instead of being silently ignored.
 */
export function readQuery(event: APIGatewayProxyEvent, allowed: readonly string[]): Record<string, string> {
  const multi = event.multiValueQueryStringParameters ?? {};
  const single = event.queryStringParameters ?? {};
  const names = new Set([...Object.keys(multi), ...Object.keys(single)]);
  const query: Record<string, string> = {};
  for (const name of [...names].sort()) {
    if (!allowed.includes(name)) {
      const expected = allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : 'this route takes no query parameters';
      throw new InvalidRequestError(name, `unknown query parameter (${expected})`);
    }
    const values = multi[name] ?? [single[name] ?? ''];
    if (values.length > 1) throw new InvalidRequestError(name, 'given more than once');
    query[name] = values[0] ?? '';
  }
  return query;
}

/** Whether the caller gave the query parameter `name` (any value). */
export function hasQueryParameter(event: APIGatewayProxyEvent, name: string): boolean {
  return (
    event.multiValueQueryStringParameters?.[name] !== undefined || event.queryStringParameters?.[name] !== undefined
  );
}
