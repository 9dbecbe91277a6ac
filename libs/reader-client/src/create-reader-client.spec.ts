import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReaderClient } from './create-reader-client';
import { NotFoundError, ReaderClientUsageError, TargetAccessDeniedError, UnexpectedResponseError } from './errors';
import { apiError, fakeFetch, type FakeAnswer } from './test-support/fake-fetch';
import { serverSignature } from './test-support/server-signature';

const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };
const BASE = 'https://abc.execute-api.eu-west-1.amazonaws.com/v1/';
const page = (items: object[], nextToken: string | null): FakeAnswer => ({ status: 200, body: { items, nextToken } });

function client(...script: FakeAnswer[]) {
  const fake = fakeFetch(...script);
  return {
    fake,
    reader: createReaderClient({ baseUrl: BASE, region: 'eu-west-1', credentials: KEYS, fetch: fake.fetch }),
  };
}

describe('createReaderClient', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('signs each request with SigV4 for execute-api in the API region, with the session token', async () => {
    const { fake, reader } = client(page([], null));

    await reader.listItems();

    const headers = fake.requests[0]!.headers;
    expect(headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-security-token']).toBe('token');
  });

  it('builds each route and sends the options under the API parameter names', async () => {
    const { fake, reader } = client(page([], null));

    await reader.listItems({ limit: 5, nextToken: 't/+=', segment: 1, totalSegments: 4, consistent: true });
    await reader.query('dev 1/x', {
      skBeginsWith: '2026-',
      order: 'desc',
      fields: ['temp', 'owner'],
      format: 'dynamodb',
    });
    await reader.query(42, { skFrom: '2026-01-01', skTo: '2026-02-01', limit: 10 });
    await reader.queryIndex('byOwner', 'alice', { skFrom: 'a' });
    await reader.getItem('d1', { sk: '2026-01-01T00:00:00Z', consistent: false });

    const urls = fake.requests.map((r) => `${r.url.pathname}${r.url.search}`);
    expect(urls).toEqual([
      '/v1/items?consistent=true&limit=5&nextToken=t%2F%2B%3D&segment=1&totalSegments=4',
      '/v1/items/dev%201%2Fx?fields=temp%2Cowner&format=dynamodb&order=desc&skBeginsWith=2026-',
      '/v1/items/42?limit=10&skFrom=2026-01-01&skTo=2026-02-01',
      '/v1/indexes/byOwner/items/alice?skFrom=a',
      '/v1/items/d1?consistent=false&sk=2026-01-01T00%3A00%3A00Z',
    ]);
  });

  it("sends the query as SigV4 canonicalizes it (space as %20, !'()* escaped), so the server's signature matches", async () => {
    const { fake, reader } = client(page([], null), page([], null));

    await reader.query('d 1', { skFrom: '2026-12-01 10', skTo: "a+b!'()*~" });
    await reader.getItem('d1', { sk: 'x y' });

    expect(fake.requests[0]!.url.search).toBe('?skFrom=2026-12-01%2010&skTo=a%2Bb%21%27%28%29%2A~');
    expect(fake.requests[1]!.url.search).toBe('?sk=x%20y');
    for (const request of fake.requests)
      expect(request.headers['authorization']).toContain(
        `Signature=${await serverSignature(request, KEYS, 'eu-west-1')}`,
      );
  });

  it('encodes every key as one path segment, and refuses "." and ".." (URL parsers drop them, even as %2E)', async () => {
    const { fake, reader } = client(page([], null));

    for (const key of ['a/b', '%', 'ü 🙂', '.a', '...']) await reader.query(key);

    expect(fake.requests.map((r) => r.url.pathname)).toEqual([
      '/v1/items/a%2Fb',
      '/v1/items/%25',
      '/v1/items/%C3%BC%20%F0%9F%99%82',
      '/v1/items/.a',
      '/v1/items/...',
    ]);
    for (const key of ['.', '..']) {
      await expect(reader.getItem(key)).rejects.toThrow(ReaderClientUsageError);
      await expect(reader.query(key)).rejects.toThrow(
        /cannot be sent: URL parsers remove "\." and "\.\." path segments/,
      );
    }
    await expect(reader.queryIndex('..', 'a')).rejects.toThrow(/an? index name of "\.\."/);
    expect(fake.requests).toHaveLength(5);
  });

  it('getItem: the item; undefined on 404 NotFound; other errors typed', async () => {
    const found = client({ status: 200, body: { deviceId: 'd1', name: 'pen' } });
    const missing = client(apiError(404, 'NotFound'));
    const denied = client(apiError(502, 'TargetAccessDenied'));

    expect(await found.reader.getItem('d1')).toEqual({ deviceId: 'd1', name: 'pen' });
    expect(await missing.reader.getItem('nope')).toBeUndefined();
    await expect(denied.reader.getItem('d1')).rejects.toBeInstanceOf(TargetAccessDeniedError);
  });

  it('getItem without sk on a table with a sort key says to pass sk or use query', async () => {
    const { reader } = client(page([{ deviceId: 'd1', timestamp: 't' }], null));

    await expect(reader.getItem('d1')).rejects.toThrow(ReaderClientUsageError);
    await expect(reader.getItem('d1')).rejects.toThrow(/pass \{ sk \} or use query\(pk\)/);
  });

  it('query on a table without a sort key (the API answers the item) says to use getItem', async () => {
    const { reader } = client({ status: 200, body: { deviceId: 'd1', name: 'pen' } });

    await expect(reader.query('d1')).rejects.toThrow(ReaderClientUsageError);
    await expect(reader.query('d1')).rejects.toThrow(/the table has no sort key.*use getItem\(pk\)/);
  });

  it('credentials that cannot be loaded fail once, with the provider error, before any request', async () => {
    const fake = fakeFetch(page([], null));
    const failure = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const provider = vi.fn(() => Promise.reject(failure));
    const reader = createReaderClient({ baseUrl: BASE, region: 'eu-west-1', credentials: provider, fetch: fake.fetch });

    await expect(reader.listItems()).rejects.toBe(failure);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(fake.calls()).toBe(0);
  });

  it('paginate* follow nextToken to the end and yield every item once', async () => {
    const script = [page([{ k: 1 }, { k: 2 }], 'a'), page([], 'b'), page([{ k: 3 }], null)];
    const items = client(...script);
    const partition = client(...script);
    const index = client(...script);

    const all = async (iterable: AsyncIterable<unknown>) => {
      const out: unknown[] = [];
      for await (const item of iterable) out.push(item);
      return out;
    };

    expect(await all(items.reader.paginateItems({ limit: 2, segment: 0, totalSegments: 2 }))).toEqual([
      { k: 1 },
      { k: 2 },
      { k: 3 },
    ]);
    expect(await all(partition.reader.paginateQuery('d1', { order: 'desc' }))).toHaveLength(3);
    expect(await all(index.reader.paginateIndex('byOwner', 'alice', { nextToken: 'start' }))).toHaveLength(3);
    expect(items.fake.requests.map((r) => r.url.searchParams.get('nextToken'))).toEqual([null, 'a', 'b']);
    expect(items.fake.requests.every((r) => r.url.searchParams.get('segment') === '0')).toBe(true);
    expect(index.fake.requests.map((r) => r.url.searchParams.get('nextToken'))).toEqual(['start', 'a', 'b']);
  });

  it('a 200 that is not a page, or not an item, is an UnexpectedResponseError', async () => {
    const notPage = client({ status: 200, body: { items: 'x' } });
    const notItem = client({ status: 200, body: [1, 2] });

    await expect(notPage.reader.listItems()).rejects.toBeInstanceOf(UnexpectedResponseError);
    await expect(notItem.reader.getItem('d1')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('an error answer without the API shape names the status and x-amzn-ErrorType', async () => {
    const { reader } = client({
      status: 403,
      body: { message: 'Forbidden' },
      headers: { 'x-amzn-errortype': 'ForbiddenException:http://internal', 'x-amzn-requestid': 'r-1' },
    });

    const error = await reader.listItems().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ status: 403, apiCode: 'ForbiddenException', requestId: 'r-1' });
    expect((error as Error).message).toBe('HTTP 403 ForbiddenException: Forbidden');
  });

  it('NotFound on a query is an error (an unknown index), not undefined', async () => {
    const { reader } = client(apiError(404, 'NotFound'));

    await expect(reader.queryIndex('nope', 'a')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('without credentials, uses the AWS SDK default chain (here: the environment)', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAFROMENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    const fake = fakeFetch(page([], null));
    const reader = createReaderClient({ baseUrl: BASE, region: 'eu-west-1', fetch: fake.fetch });

    await reader.listItems();

    expect(fake.requests[0]!.headers['authorization']).toContain('Credential=AKIAFROMENV/');
  });

  it('refuses a bad baseUrl or maxAttempts with a message saying what is expected', () => {
    const make = (baseUrl: string, maxAttempts?: number) => () =>
      createReaderClient({ baseUrl, region: 'eu-west-1', credentials: KEYS, ...(maxAttempts ? { maxAttempts } : {}) });

    expect(make('not a url')).toThrow(/baseUrl must be the API's URL, got "not a url"/);
    expect(make('ftp://x/')).toThrow(/http\(s\) URL/);
    expect(make(`${BASE}?a=1`)).toThrow(/without query/);
    expect(make(BASE, 0.5)).toThrow(/maxAttempts must be an integer of at least 1, got 0.5/);
  });
});
