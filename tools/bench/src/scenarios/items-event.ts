import type { APIGatewayProxyEvent } from 'aws-lambda';
import { buildProxyEvent } from '@xacct/sandbox';

/** The REST API (v1) proxy event for `GET /items?...`, built by the sandbox's API Gateway, as the function gets it. */
export function itemsEvent(query: Record<string, string>, requestId = 'bench-request'): APIGatewayProxyEvent {
  return buildProxyEvent({
    method: 'GET',
    path: '/items',
    searchParams: new URLSearchParams(query),
    headers: { accept: 'application/json', host: '127.0.0.1', 'user-agent': 'xacct-bench' },
    body: Buffer.alloc(0),
    resourcePath: '/items',
    resourceId: 'bench',
    pathParameters: {},
    stage: 'local',
    stageVariables: {},
    apiId: 'bench',
    accountId: '111111111111',
    requestId,
    domainName: '127.0.0.1',
    sourceIp: '127.0.0.1',
  });
}
