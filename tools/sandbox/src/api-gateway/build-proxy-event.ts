import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { CallerIdentity } from '../iam/caller-identity';

export interface ProxyEventInput {
  method: string;
  /** The path after the stage, still percent-encoded (`/items/d0001`). */
  path: string;
  searchParams: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The resource template (`/items/{key}`) and its id. */
  resourcePath: string;
  resourceId: string;
  pathParameters: Record<string, string>;
  stage: string;
  stageVariables: Record<string, string>;
  apiId: string;
  /** The API's owner account. */
  accountId: string;
  requestId: string;
  domainName: string;
  sourceIp: string;
  /** The SigV4 caller (AWS_IAM methods); undefined for NONE. */
  caller?: CallerIdentity;
  now?: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The REST API (v1) Lambda proxy event, field for field as API Gateway sends it. */
export function buildProxyEvent(input: ProxyEventInput): APIGatewayProxyEvent {
  const now = input.now ?? new Date();
  const { single: headers, multi: multiValueHeaders } = headerMaps(input.headers);
  const { single: query, multi: multiQuery } = queryMaps(input.searchParams);
  const caller = input.caller;
  const userAgent = headers['user-agent'] ?? null;
  return {
    resource: input.resourcePath,
    path: safeDecodePath(input.path),
    httpMethod: input.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiQuery,
    pathParameters: Object.keys(input.pathParameters).length > 0 ? input.pathParameters : null,
    stageVariables: Object.keys(input.stageVariables).length > 0 ? input.stageVariables : null,
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      authorizer: undefined,
      domainName: input.domainName,
      domainPrefix: input.domainName.split('.')[0] ?? input.domainName,
      extendedRequestId: input.requestId.replaceAll('-', '').slice(0, 16),
      httpMethod: input.method,
      identity: {
        accessKey: caller?.accessKeyId ?? null,
        accountId: caller?.accountId ?? null,
        apiKey: null,
        apiKeyId: null,
        caller: caller?.userId ?? null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: input.sourceIp,
        user: caller?.userId ?? null,
        userAgent,
        userArn: caller?.arn ?? null,
      },
      path: `/${input.stage}${safeDecodePath(input.path)}`,
      protocol: 'HTTP/1.1',
      requestId: input.requestId,
      requestTime: requestTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: input.resourceId,
      resourcePath: input.resourcePath,
      stage: input.stage,
    },
    body: input.body.length > 0 ? input.body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}

function headerMaps(raw: IncomingHttpHeaders): {
  single: Record<string, string>;
  multi: Record<string, string[]>;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    multi[name] = values;
    // API Gateway keeps the last value of a repeated header in `headers`.
    single[name] = values.at(-1) ?? '';
  }
  return { single, multi };
}

function queryMaps(params: URLSearchParams): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of params) {
    (multi[name] ??= []).push(value);
    single[name] = value;
  }
  return Object.keys(multi).length > 0 ? { single, multi } : { single: null, multi: null };
}

function safeDecodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** `28/Nov/2026:12:00:00 +0000`, the CLF time API Gateway writes. */
function requestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}
