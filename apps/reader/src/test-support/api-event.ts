import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * An API Gateway REST (v1) proxy event as AWS delivers it: `path` still percent-encoded, query parameters
 * decoded, both single- and multi-value maps filled (null when there are none).
 */
export function apiEvent(
  method: string,
  path: string,
  query: Record<string, string | string[]> = {},
  matched: { resource: string; pathParameters?: Record<string, string> } = { resource: '/{proxy+}' },
): APIGatewayProxyEvent {
  const entries = Object.entries(query);
  const multi = Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const single = Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? (v.at(-1) ?? '') : v]));
  return {
    httpMethod: method,
    path,
    resource: matched.resource,
    body: null,
    headers: {},
    multiValueHeaders: {},
    isBase64Encoded: false,
    pathParameters: matched.pathParameters ?? null,
    stageVariables: null,
    queryStringParameters: entries.length > 0 ? single : null,
    multiValueQueryStringParameters: entries.length > 0 ? multi : null,
    requestContext: { requestId: 'api-request-1' } as APIGatewayProxyEvent['requestContext'],
  };
}
