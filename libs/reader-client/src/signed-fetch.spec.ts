import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from './node-sha256';
import { signedFetch } from './signed-fetch';
import { fakeFetch } from './test-support/fake-fetch';
import { serverSignature } from './test-support/server-signature';

describe('signedFetch', () => {
  it('without credentials sends the request unsigned', async () => {
    const fake = fakeFetch({ status: 200, body: { ok: true } });

    const response = await signedFetch('http://127.0.0.1:9/x?a=1', { fetch: fake.fetch });

    expect(response).toMatchObject({ status: 200, json: { ok: true } });
    expect(fake.requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('signs method, repeated query parameters and the body (x-amz-content-sha256 is its hash)', async () => {
    const fake = fakeFetch({ status: 200 });
    const body = '{"TableName":"t"}';

    const response = await signedFetch('http://127.0.0.1:9/?tag=a&tag=b&tag=c', {
      fetch: fake.fetch,
      method: 'POST',
      body,
      service: 'dynamodb',
      headers: { 'x-amz-target': 'DynamoDB_20120810.Scan' },
      credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
    });

    const headers = fake.requests[0]!.headers;
    expect(headers['authorization']).toMatch(
      /\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-target,/,
    );
    expect(headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    expect(response).toMatchObject({ status: 200, text: '', json: undefined });
  });

  it('signs the query as sent: a literal + stays a plus, %20 a space', async () => {
    const fake = fakeFetch({ status: 200 });
    const credentials = { accessKeyId: 'AKID', secretAccessKey: 's' };

    await signedFetch('http://127.0.0.1:9/v1/items/d1?skFrom=a+b&skTo=c%20d', {
      fetch: fake.fetch,
      region: 'eu-west-1',
      credentials,
    });

    const request = fake.requests[0]!;
    expect(request.url.search).toBe('?skFrom=a+b&skTo=c%20d');
    expect(request.headers['authorization']).toContain(
      `Signature=${await serverSignature(request, credentials, 'eu-west-1')}`,
    );
  });
});

describe('NodeSha256', () => {
  it('hashes and HMACs strings, ArrayBuffers and views like node:crypto', async () => {
    const bytes = new TextEncoder().encode('data');
    const plain = new NodeSha256();
    plain.update(bytes.buffer);
    const keyed = new NodeSha256(new TextEncoder().encode('key'));
    keyed.update('da');
    keyed.update(bytes.subarray(2));

    expect(Buffer.from(await plain.digest()).toString('hex')).toBe(createHash('sha256').update('data').digest('hex'));
    expect(Buffer.from(await keyed.digest()).toString('hex')).toBe(
      createHmac('sha256', 'key').update('data').digest('hex'),
    );
  });
});
