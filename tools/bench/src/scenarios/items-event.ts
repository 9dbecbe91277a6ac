import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A REST API (v1) proxy event for `GET /items?...`, as API Gateway hands it to the function. */
export function itemsEvent(query: Record<string, string>, requestId = 'bench-request'): APIGatewayProxyEvent {
  const hasQuery = Object.keys(query).length > 0;
  return {
    resource: '/items',
    path: '/items',
    httpMethod: 'GET',
    headers: { accept: 'application/json', host: '127.0.0.1' },
    multiValueHeaders: { accept: ['application/json'], host: ['127.0.0.1'] },
    queryStringParameters: hasQuery ? { ...query } : null,
    multiValueQueryStringParameters: hasQuery
      ? Object.fromEntries(Object.entries(query).map(([key, value]) => [key, [value]]))
      : null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '111111111111',
      apiId: 'bench',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: 'GET',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '127.0.0.1',
        user: null,
        userAgent: 'xacct-bench',
        userArn: null,
      },
      path: '/local/items',
      stage: 'local',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'bench',
      resourcePath: '/items',
    },
  };
}
