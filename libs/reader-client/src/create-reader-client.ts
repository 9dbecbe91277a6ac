import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { NotFoundError, ReaderClientUsageError, UnexpectedResponseError } from './errors.js';
import { sendWithRetries, type RetrySettings } from './send-with-retries.js';
import { signedFetch, type FetchedResponse } from './signed-fetch.js';

export interface ReaderClientOptions {
  /** The API's invoke URL, e.g. the stack output ApiUrl `https://<api>.execute-api.<region>.amazonaws.com/v1/`. */
  readonly baseUrl: string;
  /** The API's region (the SigV4 scope). */
  readonly region: string;
  /** @default the AWS SDK's default chain: env, SSO, profiles (AWS_PROFILE), web identity, container and instance roles */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Attempts per call, the first included (429, 503 and network failures are retried). @default 3 */
  readonly maxAttempts?: number;
  /** Bound on one attempt (API Gateway's own integration limit is 29 s). @default 30000 */
  readonly timeoutMs?: number;
}

export type Item = Record<string, unknown>;

/** One page: `nextToken` is null on the last one. */
export interface Page<T = Item> {
  readonly items: T[];
  readonly nextToken: string | null;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** `dynamodb`: DynamoDB JSON (`{"S": …}`), which keeps every type exactly. @default json */
  readonly format?: 'json' | 'dynamodb';
}

export interface ReadOptions extends RequestOptions {
  /** Attributes to return (the key attributes always come back). */
  readonly fields?: readonly string[];
}

export interface GetItemOptions extends ReadOptions {
  /** The sort key's value; required on a table with a sort key. */
  readonly sk?: string | number;
  readonly consistent?: boolean;
}

export interface PageOptions extends ReadOptions {
  /** Items per page, 1-1000. @default the API's, 100 */
  readonly limit?: number;
  /** Where the previous page ended. */
  readonly nextToken?: string;
}

export interface ListItemsOptions extends PageOptions {
  /** A parallel scan's segment, with `totalSegments` (both or neither). */
  readonly segment?: number;
  readonly totalSegments?: number;
  readonly consistent?: boolean;
}

/** Sort-key conditions: `skBeginsWith`, or `skFrom` and/or `skTo` (inclusive), never both kinds. */
export interface IndexQueryOptions extends PageOptions {
  readonly skBeginsWith?: string;
  readonly skFrom?: string | number;
  readonly skTo?: string | number;
  /** Sort-key order. @default asc */
  readonly order?: 'asc' | 'desc';
}

export interface QueryOptions extends IndexQueryOptions {
  readonly consistent?: boolean;
}

/** The typed, SigV4-signing client of the read API; every method takes an AbortSignal and throws typed errors. */
export interface ReaderClient {
  /** GetItem: the item, or undefined when there is none. */
  getItem<T = Item>(pk: string | number, options?: GetItemOptions): Promise<T | undefined>;
  /** One page of a Scan (of one segment, for a parallel scan). */
  listItems<T = Item>(options?: ListItemsOptions): Promise<Page<T>>;
  /** One page of the partition `pk`, in sort-key order. */
  query<T = Item>(pk: string | number, options?: QueryOptions): Promise<Page<T>>;
  /** One page of the partition `pk` of a global secondary index. */
  queryIndex<T = Item>(index: string, pk: string | number, options?: IndexQueryOptions): Promise<Page<T>>;
  /** Every item of the Scan (or segment), page after page. */
  paginateItems<T = Item>(options?: ListItemsOptions): AsyncGenerator<T>;
  paginateQuery<T = Item>(pk: string | number, options?: QueryOptions): AsyncGenerator<T>;
  paginateIndex<T = Item>(index: string, pk: string | number, options?: IndexQueryOptions): AsyncGenerator<T>;
}

const RETRIES: Omit<RetrySettings, 'maxAttempts'> = { baseDelayMs: 200, maxDelayMs: 20_000 };

/** The API's parameter names; the options above use the same ones. */
const QUERY_PARAMETERS = [
  'sk',
  'limit',
  'nextToken',
  'segment',
  'totalSegments',
  'skBeginsWith',
  'skFrom',
  'skTo',
  'order',
  'fields',
  'consistent',
  'format',
] as const;

/** Creates the client; nothing is called until the first request. */
export function createReaderClient(options: ReaderClientOptions): ReaderClient {
  const base = parseBaseUrl(options.baseUrl);
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new ReaderClientUsageError(`maxAttempts must be an integer of at least 1, got ${maxAttempts}`);
  const settings: RetrySettings = { ...RETRIES, maxAttempts };
  let credentials = options.credentials;

  const resolveCredentials = async () => {
    // Loaded on first use: callers that pass credentials never load the chain (SSO, INI, IMDS, ...).
    credentials ??= (await import('@aws-sdk/credential-provider-node')).defaultProvider();
    return credentials;
  };

  async function get(path: string, query: object, signal: AbortSignal | undefined): Promise<FetchedResponse> {
    const url = `${base}${path}${queryString(query)}`;
    const provided = await resolveCredentials();
    // Resolved before the retried send: no credentials is the caller's to fix (CredentialsProviderError), not a
    // network failure to retry. The SDK's providers cache and refresh, so this is cheap per request.
    const signing = typeof provided === 'function' ? await provided() : provided;
    return sendWithRetries(
      (attemptSignal) =>
        signedFetch(url, {
          credentials: signing,
          region: options.region,
          timeoutMs: options.timeoutMs ?? 30_000,
          ...(attemptSignal === undefined ? {} : { signal: attemptSignal }),
          ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        }),
      settings,
      signal,
    );
  }

  async function page<T>(path: string, query: RequestOptions): Promise<Page<T>> {
    return toPage(await get(path, query, query.signal));
  }

  function toPage<T>(response: FetchedResponse): Page<T> {
    const body = response.json as { items?: unknown; nextToken?: unknown } | undefined;
    if (!Array.isArray(body?.items) || !(body.nextToken === null || typeof body.nextToken === 'string'))
      throw unexpected(response, 'a page ({ items, nextToken })');
    return { items: body.items as T[], nextToken: body.nextToken };
  }

  async function* all<T>(read: (nextToken: string | undefined) => Promise<Page<T>>, first?: string): AsyncGenerator<T> {
    let nextToken = first;
    do {
      const { items, nextToken: next } = await read(nextToken);
      yield* items;
      nextToken = next ?? undefined;
    } while (nextToken !== undefined);
  }

  const client: ReaderClient = {
    async getItem<T>(pk: string | number, getOptions: GetItemOptions = {}) {
      let response: FetchedResponse;
      try {
        response = await get(itemPath(pk), getOptions, getOptions.signal);
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
      const body = response.json;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unexpected(response, 'an item');
      if (getOptions.sk === undefined && isPage(body))
        throw new ReaderClientUsageError(
          `getItem(${JSON.stringify(pk)}) without sk: the table has a sort key, so the API answered a page of the partition; pass { sk } or use query(pk)`,
        );
      return body as T;
    },
    listItems: (listOptions = {}) => page('/items', listOptions),
    async query<T>(pk: string | number, queryOptions: QueryOptions = {}) {
      const response = await get(itemPath(pk), queryOptions, queryOptions.signal);
      const body = response.json;
      if (typeof body === 'object' && body !== null && !Array.isArray(body) && !isPage(body))
        throw new ReaderClientUsageError(
          `query(${JSON.stringify(pk)}): the table has no sort key, so the API answered the item itself; use getItem(pk)`,
        );
      return toPage<T>(response);
    },
    // async, so a bad key rejects like every other error.
    queryIndex: async (index, pk, queryOptions = {}) =>
      page(`/indexes/${pathSegment(index, 'index name')}${itemPath(pk)}`, queryOptions),
    paginateItems: (listOptions = {}) =>
      all((nextToken) => client.listItems({ ...listOptions, ...withToken(nextToken) }), listOptions.nextToken),
    paginateQuery: (pk, queryOptions = {}) =>
      all((nextToken) => client.query(pk, { ...queryOptions, ...withToken(nextToken) }), queryOptions.nextToken),
    paginateIndex: (index, pk, queryOptions = {}) =>
      all(
        (nextToken) => client.queryIndex(index, pk, { ...queryOptions, ...withToken(nextToken) }),
        queryOptions.nextToken,
      ),
  };
  return client;
}

function parseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new ReaderClientUsageError(`baseUrl must be the API's URL, got ${JSON.stringify(baseUrl)}`, { cause: error });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '')
    throw new ReaderClientUsageError(
      `baseUrl must be an http(s) URL without query or fragment, such as https://<api>.execute-api.<region>.amazonaws.com/v1/, got ${JSON.stringify(baseUrl)}`,
    );
  return url.href.replace(/\/+$/, '');
}

function itemPath(pk: string | number): string {
  return `/items/${pathSegment(pk, 'key')}`;
}

/**
 * One path segment, percent-encoded. A segment of `.` or `..` cannot be sent: every WHATWG URL parser (fetch's
 * included) removes it, and its encodings `%2E`/`%2E%2E` too, so `/items/.` would reach the API as `/items/`, a Scan.
 */
function pathSegment(value: string | number, what: string): string {
  const text = String(value);
  if (text === '.' || text === '..')
    throw new ReaderClientUsageError(
      `a ${what} of ${JSON.stringify(text)} cannot be sent: URL parsers remove "." and ".." path segments (encoded or not), so the API would get another route`,
    );
  return encodeURIComponent(text);
}

/**
 * The query encoded as SigV4 canonicalizes it (RFC 3986: space as %20, never `+`; `!'()*` escaped) and sorted,
 * so what is sent is byte for byte what is signed.
 */
function queryString(options: object): string {
  const values = options as Record<string, unknown>;
  const pairs: string[] = [];
  for (const name of [...QUERY_PARAMETERS].sort()) {
    const value = values[name];
    if (value === undefined) continue;
    pairs.push(`${name}=${encodeRfc3986(Array.isArray(value) ? value.join(',') : String(value))}`);
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function withToken(nextToken: string | undefined): { nextToken?: string } {
  return nextToken === undefined ? {} : { nextToken };
}

function isPage(body: object): boolean {
  const keys = Object.keys(body);
  return keys.length === 2 && Array.isArray((body as { items?: unknown }).items) && keys.includes('nextToken');
}

function unexpected(response: FetchedResponse, expected: string): UnexpectedResponseError {
  return new UnexpectedResponseError(
    `HTTP ${response.status}: expected ${expected}, got ${JSON.stringify(response.text.slice(0, 200))}`,
    { status: response.status, requestId: response.headers.get('x-amzn-requestid') ?? undefined },
  );
}
