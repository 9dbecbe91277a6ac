import type { APIGatewayProxyEvent } from 'aws-lambda';
import { buildProxyEvent } from '@xacct/sandbox';

/**
 * The REST API (v1) proxy event for `GET /items?...`, or with `key` for `GET /items/{key}?...` (a partition Query on a
 * table with a sort key), built by the sandbox's API Gateway, as the function gets it.
 */
export function itemsEvent(
  query: Record<string, string>,
  requestId = 'bench-request',
  key?: string,
): APIGatewayProxyEvent {
  return buildProxyEvent({
    method: 'GET',
    path: key === undefined ? '/items' : `/items/${encodeURIComponent(key)}`,
    searchParams: new URLSearchParams(query),
    headers: { accept: 'application/json', host: '127.0.0.1', 'user-agent': 'xacct-bench' },
    body: Buffer.alloc(0),
    resourcePath: key === undefined ? '/items' : '/items/{key}',
    resourceId: 'bench',
    pathParameters: key === undefined ? {} : { key },
    stage: 'local',
    stageVariables: {},
    apiId: 'bench',
    accountId: '111111111111',
    requestId,
    domainName: '127.0.0.1',
    sourceIp: '127.0.0.1',
  });
}
