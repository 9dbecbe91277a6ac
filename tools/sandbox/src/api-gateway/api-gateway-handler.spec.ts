import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LambdaServiceError } from '../errors';
import type { CallerIdentity } from '../iam/caller-identity';
import type { AccessKeyRecord } from '../iam/iam-model';
import type { InvokeResult } from '../lambda/types';
import { SandboxServer } from '../server/sandbox-server';
import { verifySigV4 } from '../sigv4/verify-sigv4';
import { createApiGatewayHandler, type ApiGatewayHandlerDeps } from './api-gateway-handler';
import { ApiGatewayService } from './api-gateway-service';
import { signedFetch } from '@xacct/reader-client';
import type { ApiMethod } from './types';

const ACCOUNT = '111111111111';
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:reader`;
const URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`;
const ALLOWED = { accessKeyId: 'AKIAALLOWED000000001', secretAccessKey: 'allowed-secret' };
const DENIED = { accessKeyId: 'AKIADENIED0000000001', secretAccessKey: 'denied-secret' };

function keyRecord(creds: typeof ALLOWED, user: string): AccessKeyRecord {
  return {
    ...creds,
    accountId: ACCOUNT,
    issuedAt: 0,
    principal: { kind: 'user', userArn: `arn:aws:iam::${ACCOUNT}:user/${user}` },
  };
}

const keys = new Map([
  [ALLOWED.accessKeyId, keyRecord(ALLOWED, 'allowed-user')],
  [DENIED.accessKeyId, keyRecord(DENIED, 'other-user')],
]);
const resolver = {
  lookupAccessKey: (id: string) => keys.get(id),
  identityOf: (key: AccessKeyRecord): CallerIdentity => {
    const arn = key.principal.kind === 'user' ? key.principal.userArn : '';
    return {
      type: 'user',
      accountId: ACCOUNT,
      arn,
      principalArn: arn,
      userId: `AIDA${key.accessKeyId}`,
      accessKeyId: key.accessKeyId,
    };
  },
};

function method(overrides: Partial<ApiMethod> = {}): ApiMethod {
  return {
    httpMethod: 'GET',
    authorizationType: 'AWS_IAM',
    apiKeyRequired: false,
    requestParameters: {},
    integration: { type: 'AWS_PROXY', uri: URI, timeoutMs: 29_000 },
    ...overrides,
  };
}

let server: SandboxServer;
let base: string;
let apis: ApiGatewayService;
let apiUrl: string;
const invoke = vi.fn<ApiGatewayHandlerDeps['lambda']['invoke']>();
const isInvokeAllowed = vi.fn<ApiGatewayHandlerDeps['lambda']['isInvokeAllowed']>();
const authorize = vi.fn<ApiGatewayHandlerDeps['authorize']>();
const log = vi.fn();

function ok(body: unknown, statusCode = 200): InvokeResult {
  return {
    kind: 'ok',
    payload: JSON.stringify({
      statusCode,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    requestId: 'r',
    cold: false,
  };
}

beforeAll(async () => {
  apis = new ApiGatewayService();
  const api = apis.createRestApi({ accountId: ACCOUNT, region: 'us-east-1', name: 'reader-api', apiId: 'abc123defg' });
  const root = api.definition.rootResourceId;
  const items = apis.putResource(api.apiId, { parentId: root, pathPart: 'items' });
  const key = apis.putResource(api.apiId, { parentId: items, pathPart: '{key}' });
  const open = apis.putResource(api.apiId, { parentId: root, pathPart: 'open' });
  const validated = apis.putResource(api.apiId, { parentId: root, pathPart: 'validated' });
  const mock = apis.putResource(api.apiId, { parentId: root, pathPart: 'mock' });
  const slow = apis.putResource(api.apiId, { parentId: root, pathPart: 'slow' });
  const validator = apis.putValidator(api.apiId, { validateRequestParameters: true, validateRequestBody: false });
  apis.putMethod(api.apiId, items, method({ requestParameters: { 'method.request.querystring.limit': false } }));
  apis.putMethod(api.apiId, key, method());
  apis.putMethod(api.apiId, open, method({ authorizationType: 'NONE' }));
  apis.putMethod(
    api.apiId,
    validated,
    method({
      authorizationType: 'NONE',
      requestValidatorId: validator,
      requestParameters: { 'method.request.querystring.q': true, 'method.request.header.x-trace': true },
    }),
  );
  apis.putMethod(
    api.apiId,
    mock,
    method({ authorizationType: 'NONE', integration: { type: 'MOCK', timeoutMs: 29_000 } }),
  );
  apis.putMethod(
    api.apiId,
    slow,
    method({ authorizationType: 'NONE', integration: { type: 'AWS_PROXY', uri: URI, timeoutMs: 100 } }),
  );
  const deployment = apis.createDeployment(api.apiId);
  apis.putStage(api.apiId, {
    stageName: 'prod',
    deploymentId: deployment,
    variables: { color: 'blue' },
    methodSettings: [
      { resourcePath: '/*', httpMethod: '*', throttlingRateLimit: 1000, throttlingBurstLimit: 1000 },
      { resourcePath: '/~1open', httpMethod: 'GET', throttlingRateLimit: 0.001, throttlingBurstLimit: 2 },
    ],
  });
  server = new SandboxServer(() => undefined);
  server.mount(
    '/restapis/',
    createApiGatewayHandler({
      apis,
      lambda: { invoke, isInvokeAllowed },
      verify: (request) => verifySigV4(request, 'execute-api', resolver),
      authorize,
      log,
    }),
  );
  const address = await server.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${address.port}`;
  apiUrl = `${base}/restapis/abc123defg/prod/_user_request_`;
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  invoke.mockReset().mockImplementation(async (_arn, event) => ok(event));
  isInvokeAllowed.mockReset().mockReturnValue(true);
  authorize
    .mockReset()
    .mockImplementation(async ({ identity }) =>
      identity.arn.endsWith('/allowed-user') ? { allowed: true } : { allowed: false, reason: 'no-identity-policy' },
    );
  log.mockReset();
});

describe('API Gateway front', () => {
  it('sends a signed request to the function as a REST proxy event and returns its response', async () => {
    // Act
    const response = await signedFetch(`${apiUrl}/items/d%200001?limit=5&tag=a&tag=b`, { credentials: ALLOWED });

    // Assert
    expect(response.status).toBe(200);
    const event = response.json as APIGatewayProxyEvent;
    expect(event).toMatchObject({
      resource: '/items/{key}',
      path: '/items/d 0001',
      httpMethod: 'GET',
      pathParameters: { key: 'd 0001' },
      queryStringParameters: { limit: '5', tag: 'b' },
      multiValueQueryStringParameters: { limit: ['5'], tag: ['a', 'b'] },
      stageVariables: { color: 'blue' },
      body: null,
      isBase64Encoded: false,
      requestContext: {
        accountId: ACCOUNT,
        apiId: 'abc123defg',
        stage: 'prod',
        resourcePath: '/items/{key}',
        path: '/prod/items/d 0001',
        httpMethod: 'GET',
        identity: {
          accessKey: ALLOWED.accessKeyId,
          accountId: ACCOUNT,
          userArn: `arn:aws:iam::${ACCOUNT}:user/allowed-user`,
        },
      },
    });
    expect(event.requestContext.requestId).toBe(response.headers.get('x-amzn-requestid'));
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        resource: `arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123defg/prod/GET/items/d%200001`,
        resourceAccount: ACCOUNT,
      }),
    );
    expect(isInvokeAllowed).toHaveBeenCalledWith(FN, {
      principal: 'apigateway.amazonaws.com',
      sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123defg/prod/GET/items/d%200001`,
      sourceAccount: ACCOUNT,
    });
  });

  it('answers 403 Missing Authentication Token to an unsigned request without calling the function', async () => {
    const response = await signedFetch(`${apiUrl}/items`);

    expect(response.status).toBe(403);
    expect(response.json).toEqual({ message: 'Missing Authentication Token' });
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(invoke).not.toHaveBeenCalled();
  });

  it('rejects a wrong secret, an unknown key and a foreign region', async () => {
    const wrongSecret = await signedFetch(`${apiUrl}/items`, { credentials: { ...ALLOWED, secretAccessKey: 'nope' } });
    const unknownKey = await signedFetch(`${apiUrl}/items`, {
      credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' },
    });
    const otherRegion = await signedFetch(`${apiUrl}/items`, { credentials: ALLOWED, region: 'eu-west-1' });

    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.json).toEqual({
      message: expect.stringContaining('The request signature we calculated does not match'),
    });
    expect(unknownKey.status).toBe(403);
    expect(unknownKey.json).toEqual({ message: 'The security token included in the request is invalid.' });
    expect(otherRegion.status).toBe(403);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('denies a caller whose policies do not allow execute-api:Invoke, in AWS words', async () => {
    const response = await signedFetch(`${apiUrl}/items`, { credentials: DENIED });

    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(response.json).toEqual({
      Message: `User: arn:aws:iam::${ACCOUNT}:user/other-user is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123defg/prod/GET/items`,
    });
  });

  it('answers 403 Missing Authentication Token for unknown paths and methods, even when signed', async () => {
    const unknownPath = await signedFetch(`${apiUrl}/nothing`, { credentials: ALLOWED });
    const unknownMethod = await signedFetch(`${apiUrl}/items`, { credentials: ALLOWED, method: 'DELETE' });

    expect([unknownPath.status, unknownMethod.status]).toEqual([403, 403]);
    expect(unknownPath.json).toEqual({ message: 'Missing Authentication Token' });
    expect(unknownMethod.json).toEqual({ message: 'Missing Authentication Token' });
  });

  it('answers 403 Forbidden for an unknown stage and names the deployed APIs for an unknown API', async () => {
    const stage = await signedFetch(`${base}/restapis/abc123defg/dev/_user_request_/items`);
    const api = await signedFetch(`${base}/restapis/zzz/prod/_user_request_/items`);
    const shape = await signedFetch(`${base}/restapis/abc123defg`);

    expect(stage.status).toBe(403);
    expect(stage.json).toEqual({ message: 'Forbidden' });
    expect(api.status).toBe(404);
    expect(api.json).toEqual({ message: expect.stringContaining('abc123defg (reader-api)') });
    expect(shape.status).toBe(404);
  });

  it('throttles a method beyond its burst with 429 Too Many Requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await signedFetch(`${apiUrl}/open`)).status);
    const other = await signedFetch(`${apiUrl}/items`, { credentials: ALLOWED });

    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(other.status).toBe(200);
  });

  it('validates required request parameters when the method has a validator', async () => {
    const missing = await signedFetch(`${apiUrl}/validated`);
    const present = await signedFetch(`${apiUrl}/validated?q=1`, { headers: { 'x-trace': 't' } });

    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ message: 'Missing required request parameters: [q, x-trace]' });
    expect(present.status).toBe(200);
  });

  it('answers 500 when the function policy does not allow API Gateway, and logs why', async () => {
    isInvokeAllowed.mockReturnValue(false);

    const response = await signedFetch(`${apiUrl}/items`, { credentials: ALLOWED });

    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'Internal server error' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Invalid permissions on Lambda function'));
    expect(invoke).not.toHaveBeenCalled();
  });

  it('answers 502 for a function error and for a malformed proxy response', async () => {
    invoke.mockResolvedValueOnce({
      kind: 'function-error',
      errorType: 'Runtime.ExitError',
      errorMessage: 'exit',
      requestId: 'r',
      cold: false,
    });
    invoke.mockResolvedValueOnce({
      kind: 'ok',
      payload: '{"statusCode":200,"body":{"not":"a string"}}',
      requestId: 'r',
      cold: false,
    });

    const crashed = await signedFetch(`${apiUrl}/items`, { credentials: ALLOWED });
    const malformed = await signedFetch(`${apiUrl}/items`, { credentials: ALLOWED });

    expect(crashed.status).toBe(502);
    expect(crashed.json).toEqual({ message: 'Internal server error' });
    expect(malformed.status).toBe(502);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Malformed Lambda proxy response'));
  });

  it('answers 504 Endpoint request timed out past the integration timeout', async () => {
    invoke.mockImplementation(() => new Promise((resolve) => setTimeout(() => resolve(ok({})), 400)));

    const response = await signedFetch(`${apiUrl}/slow`);

    expect(response.status).toBe(504);
    expect(response.json).toEqual({ message: 'Endpoint request timed out' });
  });

  it('answers 500 when Lambda cannot run the function (e.g. the execution role is not assumable)', async () => {
    invoke.mockRejectedValue(new LambdaServiceError('ExecutionRoleNotAssumable', 'cannot assume'));

    const response = await signedFetch(`${apiUrl}/items`, { credentials: ALLOWED });

    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'Internal server error' });
  });

  it('answers 500 for integrations the sandbox does not run', async () => {
    const response = await signedFetch(`${apiUrl}/mock`);

    expect(response.status).toBe(500);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('integration MOCK is not emulated'));
  });

  it('passes status, headers, multi-value headers and base64 bodies through', async () => {
    invoke.mockResolvedValue({
      kind: 'ok',
      payload: JSON.stringify({
        statusCode: 404,
        headers: { 'Content-Type': 'text/plain', 'X-One': '1' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
        body: Buffer.from('not here').toString('base64'),
        isBase64Encoded: true,
      }),
      requestId: 'r',
      cold: false,
    });

    const response = await signedFetch(`${apiUrl}/items`, { credentials: ALLOWED });

    expect(response.status).toBe(404);
    expect(response.text).toBe('not here');
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-one')).toBe('1');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });
});
