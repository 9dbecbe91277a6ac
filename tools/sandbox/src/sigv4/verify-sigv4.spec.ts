import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { createSigner } from '@xacct/reader-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigV4Error } from '../errors';
import { IamStore } from '../iam/iam-store';
import type { SignedRequest } from './signed-request';
import { verifySigV4 } from './verify-sigv4';

const iam = new IamStore();
const admin = iam.ensureAccount('111111111111');
const role = iam.putRole({
  accountId: '222222222222',
  roleName: 'r',
  trustPolicy: { Version: '2012-10-17', Statement: [] },
});

async function sign(
  request: {
    method: string;
    path: string;
    query?: Record<string, string | string[]>;
    headers?: Record<string, string>;
    body?: string;
  },
  keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = admin,
  service = 'dynamodb',
  signingDate = new Date(),
): Promise<SignedRequest> {
  const signer = createSigner({ credentials: keys, region: 'us-east-1', service });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: 'localhost',
      path: request.path,
      query: request.query ?? {},
      headers: { host: 'localhost:4566', ...request.headers },
      body: request.body,
    },
    { signingDate },
  );
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  const query = new URLSearchParams(
    Object.entries(request.query ?? {}).flatMap(
      ([k, v]): Array<[string, string]> => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]]),
    ),
  ).toString();
  return {
    method: request.method,
    url: query === '' ? request.path : `${request.path}?${query}`,
    headers,
    body: Buffer.from(request.body ?? ''),
  };
}

async function failure(promise: Promise<unknown>): Promise<SigV4Error> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SigV4Error);
  return error as SigV4Error;
}

describe('verifySigV4', () => {
  it('accepts a POST the SDK signer signed and names the caller', async () => {
    // Arrange
    const request = await sign({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan' },
      body: '{"TableName":"t"}',
    });
    // Act
    const verified = await verifySigV4(request, 'dynamodb', iam);
    // Assert
    expect(verified.identity).toMatchObject({ type: 'user', arn: admin.userArn, accountId: '111111111111' });
    expect(verified.region).toBe('us-east-1');
  });

  it('accepts a GET with a query string (repeated and encoded values) for execute-api', async () => {
    // Arrange
    const request = await sign(
      {
        method: 'GET',
        path: '/restapis/abc/v1/_user_request_/items/a%20b',
        query: { limit: '1', nextToken: 'x+y/z=', tag: ['b', 'a'] },
      },
      admin,
      'execute-api',
    );
    // Act / Assert
    await expect(verifySigV4(request, 'execute-api', iam)).resolves.toMatchObject({ identity: { arn: admin.userArn } });
  });

  it('accepts a role session with its token and reports the assumed-role identity', async () => {
    // Arrange
    const session = iam.issueSession(role, 'sess', 900, 'me');
    const request = await sign({ method: 'POST', path: '/', body: '{}' }, session);
    // Act
    const verified = await verifySigV4(request, 'dynamodb', iam);
    // Assert
    expect(verified.identity).toMatchObject({
      type: 'assumed-role',
      arn: 'arn:aws:sts::222222222222:assumed-role/r/sess',
      principalArn: role.arn,
      sourceIdentity: 'me',
      userId: `${role.roleId}:sess`,
    });
  });

  it('rejects a changed body as InvalidSignature', async () => {
    // Arrange
    const request = await sign({ method: 'POST', path: '/', body: '{"TableName":"a"}' });
    // Act
    const error = await failure(verifySigV4({ ...request, body: Buffer.from('{"TableName":"b"}') }, 'dynamodb', iam));
    // Assert
    expect(error.code).toBe('InvalidSignature');
    expect(error.message).toMatch(/^The request signature we calculated does not match/);
  });

  it('rejects a changed query string as InvalidSignature', async () => {
    // Arrange
    const request = await sign({ method: 'GET', path: '/items', query: { limit: '1' } }, admin, 'execute-api');
    // Act / Assert
    expect((await failure(verifySigV4({ ...request, url: '/items?limit=2' }, 'execute-api', iam))).code).toBe(
      'InvalidSignature',
    );
  });

  it('rejects an unknown access key as UnrecognizedClient', async () => {
    // Arrange
    const request = await sign(
      { method: 'POST', path: '/', body: '{}' },
      { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' },
    );
    // Act / Assert
    expect(await failure(verifySigV4(request, 'dynamodb', iam))).toMatchObject({
      code: 'UnrecognizedClient',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('rejects a wrong secret as InvalidSignature', async () => {
    // Arrange
    const request = await sign(
      { method: 'POST', path: '/', body: '{}' },
      { accessKeyId: admin.accessKeyId, secretAccessKey: 'wrong' },
    );
    // Act / Assert
    expect((await failure(verifySigV4(request, 'dynamodb', iam))).code).toBe('InvalidSignature');
  });

  it('rejects a request without Authorization as MissingAuthenticationToken', async () => {
    // Act / Assert
    const error = await failure(
      verifySigV4({ method: 'GET', url: '/items', headers: { host: 'x' }, body: Buffer.alloc(0) }, 'execute-api', iam),
    );
    expect(error.code).toBe('MissingAuthenticationToken');
  });

  it('rejects a malformed Authorization header as IncompleteSignature', async () => {
    // Act / Assert
    const error = await failure(
      verifySigV4(
        {
          method: 'GET',
          url: '/',
          headers: { host: 'x', authorization: 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e' },
          body: Buffer.alloc(0),
        },
        'dynamodb',
        iam,
      ),
    );
    expect(error.code).toBe('IncompleteSignature');
    expect(error.message).toContain("'SignedHeaders'");
  });

  it('rejects a signature for another service', async () => {
    // Arrange
    const request = await sign({ method: 'POST', path: '/', body: '{}' }, admin, 'sts');
    // Act / Assert
    expect((await failure(verifySigV4(request, 'dynamodb', iam))).code).toBe('WrongService');
  });

  it('rejects a request signed more than 15 minutes ago as SignatureExpired', async () => {
    // Arrange
    const request = await sign(
      { method: 'POST', path: '/', body: '{}' },
      admin,
      'dynamodb',
      new Date(Date.now() - 16 * 60_000),
    );
    // Act / Assert
    expect(await failure(verifySigV4(request, 'dynamodb', iam))).toMatchObject({
      code: 'SignatureExpired',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/),
    });
  });

  it('rejects expired session credentials as ExpiredToken', async () => {
    // Arrange
    const session = iam.issueSession(role, 'old', 900, undefined, Date.now() - 901_000);
    const request = await sign({ method: 'POST', path: '/', body: '{}' }, session);
    // Act / Assert
    expect(await failure(verifySigV4(request, 'dynamodb', iam))).toMatchObject({
      code: 'ExpiredToken',
      message: 'The security token included in the request is expired',
    });
  });

  it('rejects a session key used without its token as UnrecognizedClient', async () => {
    // Arrange
    const session = iam.issueSession(role, 'notoken', 900);
    const request = await sign(
      { method: 'POST', path: '/', body: '{}' },
      { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
    );
    // Act / Assert
    expect((await failure(verifySigV4(request, 'dynamodb', iam))).code).toBe('UnrecognizedClient');
  });

  it('rejects an x-amz-content-sha256 that does not match the body', async () => {
    // Arrange
    const request = await sign({
      method: 'POST',
      path: '/',
      body: '{}',
      headers: { 'x-amz-content-sha256': '0'.repeat(64) },
    });
    // Act / Assert
    expect((await failure(verifySigV4(request, 'dynamodb', iam))).code).toBe('InvalidSignature');
  });

  it('rejects a signed UNSIGNED-PAYLOAD: outside S3 the signature must cover the body', async () => {
    // Arrange: signed with UNSIGNED-PAYLOAD, then the body swapped for another
    const request = await sign({
      method: 'POST',
      path: '/',
      headers: {
        'x-amz-target': 'DynamoDB_20120810.GetItem',
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
      body: '{"TableName":"t","Key":{"id":{"S":"mine"}}}',
    });
    const swapped = { ...request, body: Buffer.from('{"TableName":"t","Key":{"id":{"S":"someone-else"}}}') };
    // Act / Assert
    expect((await failure(verifySigV4(request, 'dynamodb', iam))).code).toBe('InvalidSignature');
    expect((await failure(verifySigV4(swapped, 'dynamodb', iam))).code).toBe('InvalidSignature');
  });

  it('accepts a signed x-amz-content-sha256 that is the hash of the body', async () => {
    // Arrange
    const body = '{"TableName":"t"}';
    const request = await sign({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
      body,
    });
    // Act
    const verified = await verifySigV4(request, 'dynamodb', iam);
    // Assert
    expect(verified.identity.arn).toBe(admin.userArn);
  });

  it('rejects an x-amz-target that is not in SignedHeaders (a GetItem signature replayed as DeleteItem)', async () => {
    // Arrange
    const request = await sign({ method: 'POST', path: '/', body: '{"TableName":"t"}' });
    const replayed = { ...request, headers: { ...request.headers, 'x-amz-target': 'DynamoDB_20120810.DeleteItem' } };
    // Act
    const error = await failure(verifySigV4(replayed, 'dynamodb', iam));
    // Assert
    expect(error).toMatchObject({
      code: 'InvalidSignature',
      message: expect.stringContaining('headers present in the request which were not signed: x-amz-target'),
    });
  });

  it('rejects an unsigned x-amz-security-token', async () => {
    // Arrange: session keys signed without the token, the token added afterwards
    const session = iam.issueSession(role, 'unsigned-token', 900);
    const request = await sign(
      { method: 'POST', path: '/', body: '{}' },
      { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
    );
    const withToken = { ...request, headers: { ...request.headers, 'x-amz-security-token': session.sessionToken } };
    // Act / Assert
    expect((await failure(verifySigV4(withToken, 'dynamodb', iam))).message).toContain(
      'not signed: x-amz-security-token',
    );
  });

  it.each(['20261399T000000Z', '20260230T120000Z', '20260101T250000Z'])(
    'rejects the out-of-range X-Amz-Date %s as IncompleteSignature',
    async (amzDate) => {
      // Arrange
      const request: SignedRequest = {
        method: 'POST',
        url: '/',
        headers: {
          host: 'localhost:4566',
          'x-amz-date': amzDate,
          authorization: `AWS4-HMAC-SHA256 Credential=${admin.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
        },
        body: Buffer.from('{}'),
      };
      // Act / Assert
      expect(await failure(verifySigV4(request, 'dynamodb', iam))).toMatchObject({
        code: 'IncompleteSignature',
        message: `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`,
      });
    },
  );

  describe('with curl --aws-sigv4', () => {
    let server: Server;
    let port = 0;
    const seen: Array<Promise<unknown>> = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const verified = verifySigV4(
            { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) },
            'execute-api',
            iam,
          );
          seen.push(verified);
          verified.then(
            (v) => res.end(v.identity.arn),
            (e: unknown) => res.writeHead(403).end((e as Error).message),
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('verifies what curl signs for a GET with a query string', async () => {
      // Act
      const { stdout } = await promisify(execFile)('curl', [
        '-sS',
        '--aws-sigv4',
        'aws:amz:us-east-1:execute-api',
        '--user',
        `${admin.accessKeyId}:${admin.secretAccessKey}`,
        `http://127.0.0.1:${port}/restapis/abc/v1/_user_request_/items?limit=1&nextToken=abc`,
      ]);
      // Assert
      expect(stdout).toBe(admin.userArn);
    });

    it('verifies what curl signs for a POST with a body and a session token header', async () => {
      // Arrange
      const session = iam.issueSession(role, 'curl', 900);
      // Act
      const { stdout } = await promisify(execFile)('curl', [
        '-sS',
        '--aws-sigv4',
        'aws:amz:us-east-1:execute-api',
        '--user',
        `${session.accessKeyId}:${session.secretAccessKey}`,
        '-H',
        `x-amz-security-token: ${session.sessionToken}`,
        '-H',
        'content-type: application/json',
        '--data',
        '{"deviceId":"d-1"}',
        `http://127.0.0.1:${port}/restapis/abc/v1/_user_request_/items`,
      ]);
      // Assert
      expect(stdout).toBe(session.assumedRoleArn);
    });
  });
});
