import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAssumeRoleCredentials } from './create-assume-role-credentials';
import { createTargetDocumentClient } from './create-target-document-client';
import { rejectionOf } from './test-support/rejection-of';
import { AssumeRoleDeniedError, AssumeRoleUnavailableError } from './errors';
import { startFakeAwsEndpoint, type FakeAwsEndpoint, type FakeResponse } from './test-support/start-fake-aws-endpoint';
import { stsResponses } from './test-support/sts-responses';

// Real SDK clients over real HTTP to loopback fakes, found through AWS_ENDPOINT_URL_STS / _DYNAMODB exactly as
// in the sandbox; the STS client takes the execution role's credentials from the environment.
const ROLE_ARN = 'arn:aws:iam::222222222222:role/xacct-devices-access';

function issued(n: number): FakeResponse {
  return stsResponses.assumeRole({
    accessKeyId: `ASIAISSUED${n}`,
    secretAccessKey: `issued-secret-${n}`,
    sessionToken: `issued-token-${n}`,
    expiration: new Date(Date.now() + 3_600_000),
  });
}

function dynamoError(type: string, message: string): FakeResponse {
  return {
    status: 400,
    contentType: 'application/x-amz-json-1.0',
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
  };
}

const item: FakeResponse = {
  status: 200,
  contentType: 'application/x-amz-json-1.0',
  body: JSON.stringify({ Item: { deviceId: { S: 'd-1' }, temperature: { N: '21.5' } } }),
};

describe('createTargetDocumentClient', () => {
  let sts: FakeAwsEndpoint | undefined;
  let dynamo: FakeAwsEndpoint | undefined;

  async function start(
    stsScript: (i: number) => FakeResponse | 'hang',
    dynamoScript: (i: number) => FakeResponse | 'hang',
  ) {
    sts = await startFakeAwsEndpoint((_r, i) => stsScript(i));
    dynamo = await startFakeAwsEndpoint((_r, i) => dynamoScript(i));
    vi.stubEnv('AWS_ENDPOINT_URL_STS', sts.url);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.url);
    const credentials = createAssumeRoleCredentials({
      roleArn: ROLE_ARN,
      externalId: 'xacct-local-external-id',
      sessionName: 'reader-fn',
      sourceIdentity: 'xacct-devices-reader',
      region: 'us-east-1',
    });
    const client = createTargetDocumentClient({ credentials, region: 'us-east-1' });
    return { credentials, client, sts, dynamo };
  }

  const get = new GetCommand({ TableName: 'xacct-devices', Key: { deviceId: 'd-1' } });

  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVSOURCE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-source-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'env-source-token');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await sts?.close();
    await dynamo?.close();
    sts = undefined;
    dynamo = undefined;
  });

  it('signs STS with the environment credentials and DynamoDB with the assumed ones, assuming once', async () => {
    // Arrange
    const { client, credentials, sts, dynamo } = await start(
      () => issued(1),
      () => item,
    );

    // Act
    const first = await client.send(get);
    const second = await client.send(get);

    // Assert
    expect(first.Item).toEqual({ deviceId: 'd-1', temperature: 21.5 });
    expect(second.Item).toEqual(first.Item);
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]!.accessKeyId).toBe('AKIAENVSOURCE');
    expect(sts.requests[0]!.headers['x-amz-security-token']).toBe('env-source-token');
    const params = new URLSearchParams(sts.requests[0]!.body);
    expect(params.get('Action')).toBe('AssumeRole');
    expect(params.get('ExternalId')).toBe('xacct-local-external-id');
    expect(params.get('SourceIdentity')).toBe('xacct-devices-reader');
    expect(dynamo.requests.map((r) => r.accessKeyId)).toEqual(['ASIAISSUED1', 'ASIAISSUED1']);
    expect(dynamo.requests[0]!.headers['x-amz-security-token']).toBe('issued-token-1');
    // The SDK asks the provider more than once per request (auth scheme, signer): every ask after the first is a hit.
    expect(credentials.stats).toMatchObject({ assumeRoleCalls: 1, lastFromCache: true });
    expect(credentials.stats.cacheHits).toBeGreaterThan(0);
  });

  it.each(['ExpiredTokenException', 'UnrecognizedClientException'])(
    'on %s refreshes once and retries once with the new credentials',
    async (type) => {
      // Arrange
      const { client, sts, dynamo } = await start(
        (i) => issued(i + 1),
        (i) => (i === 0 ? dynamoError(type, 'The security token included in the request is expired') : item),
      );

      // Act
      const result = await client.send(get);

      // Assert
      expect(result.Item).toEqual({ deviceId: 'd-1', temperature: 21.5 });
      expect(sts.requests).toHaveLength(2);
      expect(dynamo.requests.map((r) => r.accessKeyId)).toEqual(['ASIAISSUED1', 'ASIAISSUED2']);
      expect(dynamo.requests[1]!.headers['x-amz-security-token']).toBe('issued-token-2');
    },
  );

  it('refreshes through an injected (aws-sdk-client-mock) STS client and retries once on ExpiredTokenException', async () => {
    // Arrange
    const sts = new STSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAX', secretAccessKey: 'x' } });
    const stsMock = mockClient(sts);
    stsMock.on(AssumeRoleCommand).callsFake(() => {
      const n = stsMock.commandCalls(AssumeRoleCommand).length;
      return {
        Credentials: {
          AccessKeyId: `ASIAMOCK${n}`,
          SecretAccessKey: `mock-secret-${n}`,
          SessionToken: `mock-token-${n}`,
          Expiration: new Date(Date.now() + 3_600_000),
        },
      };
    });
    dynamo = await startFakeAwsEndpoint((_r, i) =>
      i === 0 ? dynamoError('ExpiredTokenException', 'The security token included in the request is expired') : item,
    );
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.url);
    const credentials = createAssumeRoleCredentials({
      roleArn: ROLE_ARN,
      externalId: 'xacct-local-external-id',
      sessionName: 'reader-fn',
      sourceIdentity: 'xacct-devices-reader',
      region: 'us-east-1',
      stsClient: sts,
    });
    const client = createTargetDocumentClient({ credentials, region: 'us-east-1' });

    // Act
    const result = await client.send(get);

    // Assert
    expect(result.Item).toEqual({ deviceId: 'd-1', temperature: 21.5 });
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(dynamo.requests.map((r) => r.accessKeyId)).toEqual(['ASIAMOCK1', 'ASIAMOCK2']);
    expect(credentials.stats.assumeRoleCalls).toBe(2);
  });

  it('gives up after the one retry when the new credentials are rejected too', async () => {
    // Arrange
    const { client, sts, dynamo } = await start(
      (i) => issued(i + 1),
      () => dynamoError('ExpiredTokenException', 'The security token included in the request is expired'),
    );

    // Act
    const error = await rejectionOf(client.send(get));

    // Assert
    expect(error.name).toBe('ExpiredTokenException');
    expect(sts.requests).toHaveLength(2);
    expect(dynamo.requests).toHaveLength(2);
  });

  it('on a persistent UnrecognizedClientException makes one forced AssumeRole per 30 s, not one per request', async () => {
    // Arrange: the review's repro, 10 requests gave 11 AssumeRoles.
    const { client, sts, dynamo } = await start(
      (i) => issued(i + 1),
      () => dynamoError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
    );

    // Act
    const errors = [];
    for (let i = 0; i < 10; i += 1) errors.push(await rejectionOf(client.send(get)));

    // Assert
    expect(errors.every((e) => e.name === 'UnrecognizedClientException')).toBe(true);
    expect(sts.requests).toHaveLength(2);
    expect(dynamo.requests).toHaveLength(11);
  });

  it('fails each STS attempt that gets no answer (throwOnRequestTimeout): two attempts, then AssumeRoleUnavailableError', async () => {
    // Arrange: without throwOnRequestTimeout the SDK only warns and the first attempt hangs forever.
    const { client, sts, dynamo } = await start(
      () => 'hang',
      () => item,
    );

    // Act
    const error = await rejectionOf(client.send(get));

    // Assert
    expect(error).toBeInstanceOf(AssumeRoleUnavailableError);
    expect((error as AssumeRoleUnavailableError).reason).toBe('ETIMEDOUT');
    expect(sts.requests).toHaveLength(2);
    expect(dynamo.requests).toHaveLength(0);
  }, 20_000);

  it('does not refresh on other errors', async () => {
    // Arrange
    const { client, sts, dynamo } = await start(
      () => issued(1),
      () => dynamoError('ResourceNotFoundException', 'Requested resource not found'),
    );

    // Act
    const error = await rejectionOf(client.send(get));

    // Assert
    expect(error.name).toBe('ResourceNotFoundException');
    expect(sts.requests).toHaveLength(1);
    expect(dynamo.requests).toHaveLength(1);
  });

  it('surfaces an STS AccessDenied as AssumeRoleDeniedError from send(), without secrets, and DynamoDB is not called', async () => {
    // Arrange
    const { client, dynamo } = await start(
      () =>
        stsResponses.error(
          403,
          'AccessDenied',
          'User: arn:aws:sts::111111111111:assumed-role/xacct-devices-reader/fn is not authorized to perform: sts:AssumeRole',
        ),
      () => item,
    );

    // Act
    const error = await rejectionOf(client.send(get));

    // Assert
    expect(error).toBeInstanceOf(AssumeRoleDeniedError);
    expect((error as AssumeRoleDeniedError).reason).toBe('AccessDenied');
    expect(dynamo.requests).toHaveLength(0);
    const rendered = [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: Infinity })].join(
      '\n',
    );
    for (const secret of ['env-source-secret', 'env-source-token', 'xacct-local-external-id']) {
      expect(rendered).not.toContain(secret);
    }
  });
});
