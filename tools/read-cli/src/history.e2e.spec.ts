import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadStage, type StageInput } from '@xacct/config';
import {
  createReaderClient,
  InvalidRequestError,
  NotFoundError,
  ReaderClientUsageError,
  type ReaderClient,
} from '@xacct/reader-client';
import { synthStage } from '@xacct/infra-common';
import { ReaderStack, writeItems } from '@xacct/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const DEVICES = ['d0001', 'd0002', 'd0003'];
/** 40 readings per device, one every 56 h from 2025-12-01: 14 in December 2025, the rest in 2026. */
const TIMES = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2025, 11, 1) + i * 56 * 3600_000).toISOString());

/** A type alias, not an interface: it is a Record<string, unknown> for writeItems. */
type Reading = {
  deviceId: string;
  timestamp: string;
  owner: string;
  temp: number;
};

const readings: Reading[] = DEVICES.flatMap((deviceId, d) =>
  TIMES.map((timestamp, i) => ({ deviceId, timestamp, owner: d === 2 ? 'bob' : 'alice', temp: 20 + ((i * 7) % 10) })),
);

describe('a composite-key stage (local-history: deviceId + timestamp) through the client and the CLI', () => {
  let stack: ReaderStack;
  let client: ReaderClient;
  let workDir: string;

  beforeAll(async () => {
    const stage = loadStage('local-history');
    workDir = mkdtempSync(join(tmpdir(), 'read-history-'));
    const input = JSON.parse(readFileSync(join(ROOT, 'config/stages/local-history.json'), 'utf8')) as StageInput;
    const [target, source] = await Promise.all([
      synthStage(input, 'target', workDir),
      synthStage(input, 'source', workDir),
    ]);
    stack = await ReaderStack.start(stage);
    await stack.deployTarget(target);
    await stack.deploySource(source);
    await writeItems({
      endpoint: stack.sandbox.endpoint,
      region: stage.target.region,
      table: stage.table.name,
      credentials: stack.sandbox.adminCredentials(stage.target.accountId),
      items: readings,
    });
    client = createReaderClient({ baseUrl: stack.apiUrl(), region: stage.source.region, credentials: stack.caller() });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const ofDevice = (deviceId: string) => readings.filter((r) => r.deviceId === deviceId).map((r) => r.timestamp);

  it('getItem needs the sort key: with sk the reading, without it a usage error saying to pass sk or query', async () => {
    const first = TIMES[0] ?? '';

    expect(await client.getItem<Reading>('d0001', { sk: first, consistent: true })).toMatchObject({
      deviceId: 'd0001',
      timestamp: first,
    });
    expect(await client.getItem('d0001', { sk: '1999-01-01T00:00:00.000Z' })).toBeUndefined();
    await expect(client.getItem('d0001')).rejects.toBeInstanceOf(ReaderClientUsageError);
  });

  it('query: one page of a partition in sort-key order, with skBeginsWith', async () => {
    const page = await client.query<Reading>('d0002', { skBeginsWith: '2026-', limit: 10 });

    expect(page.items.map((r) => r.timestamp)).toEqual(
      ofDevice('d0002')
        .filter((t) => t.startsWith('2026-'))
        .slice(0, 10),
    );
    expect(page.nextToken).toEqual(expect.any(String));
  });

  it('paginateQuery: every reading of a device, newest first, across pages of 7, with fields projected (keys kept)', async () => {
    const seen: Array<Partial<Reading>> = [];
    for await (const reading of client.paginateQuery<Partial<Reading>>('d0001', {
      order: 'desc',
      limit: 7,
      fields: ['temp'],
    }))
      seen.push(reading);

    expect(seen.map((r) => r.timestamp)).toEqual([...ofDevice('d0001')].reverse());
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(['deviceId', 'temp', 'timestamp']);
  });

  it('skFrom/skTo are inclusive bounds; one bound alone is ≥ or ≤', async () => {
    const [from, to] = [TIMES[5] ?? '', TIMES[9] ?? ''];
    const all = async (options: Parameters<ReaderClient['paginateQuery']>[1]) => {
      const out: string[] = [];
      for await (const r of client.paginateQuery<Reading>('d0003', options)) out.push(r.timestamp);
      return out;
    };

    expect(await all({ skFrom: from, skTo: to })).toEqual(TIMES.slice(5, 10));
    expect(await all({ skFrom: TIMES[37] ?? '' })).toEqual(TIMES.slice(37));
    expect(await all({ skTo: TIMES[1] ?? '' })).toEqual(TIMES.slice(0, 2));
    // A space and !'()* in a value: sent as signed (a space as %20, not +), so no INVALID_SIGNATURE.
    expect(await all({ skFrom: `${(TIMES[37] ?? '').slice(0, 10)} (x)!'*` })).toEqual(TIMES.slice(37));
  });

  it('both kinds of sort-key condition at once is an InvalidRequestError naming them', async () => {
    const error = await client.query('d0001', { skBeginsWith: '2026-', skFrom: '2026-01-01' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(/skBeginsWith|skFrom/);
  });

  it('queryIndex and paginateIndex: the GSI byOwner, every reading of an owner in timestamp order, across pages', async () => {
    const first = await client.queryIndex<Reading>('byOwner', 'bob', { limit: 5, skBeginsWith: '2026-' });
    const all: Reading[] = [];
    for await (const r of client.paginateIndex<Reading>('byOwner', 'alice', { limit: 9, order: 'desc' })) all.push(r);

    expect(first.items.map((r) => r.timestamp)).toEqual(TIMES.filter((t) => t.startsWith('2026-')).slice(0, 5));
    expect(first.items.every((r) => r.owner === 'bob' && r.deviceId === 'd0003')).toBe(true);
    expect(all).toHaveLength(2 * TIMES.length);
    expect(all.map((r) => r.timestamp)).toEqual([...all.map((r) => r.timestamp)].sort().reverse());
    expect(new Set(all.map((r) => `${r.deviceId}/${r.timestamp}`)).size).toBe(2 * TIMES.length);
  });

  it('an undeclared index is a NotFoundError naming the known ones; a consistent read on an index is an InvalidRequestError', async () => {
    const unknown = await client.queryIndex('byColour', 'red').catch((e: unknown) => e);
    const consistent = await client
      .queryIndex('byOwner', 'bob', { consistent: true } as Parameters<ReaderClient['queryIndex']>[2])
      .catch((e: unknown) => e);

    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as Error).message).toContain('byOwner');
    expect(consistent).toBeInstanceOf(InvalidRequestError);
    expect((consistent as Error).message).toMatch(/^consistent/);
  });

  it('npm run read -- query <pk> --sk-begins-with 2026- (one page) and query <owner> --index byOwner --all', async () => {
    const read = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'tools/read-cli/src/main.ts'),
          ...args,
          '--stage',
          'local-history',
          '--endpoint',
          stack.sandbox.endpoint,
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tools/read-cli/tsconfig.json') },
        },
      );

    const [partition, index] = await Promise.all([
      read('query', 'd0001', '--sk-begins-with', '2026-', '--limit', '3'),
      read('query', 'bob', '--index', 'byOwner', '--all', '--limit', '7'),
    ]);

    const page = JSON.parse(partition.stdout) as { items: Reading[]; nextToken: string | null };
    expect(page.items.map((r) => r.timestamp)).toEqual(
      ofDevice('d0001')
        .filter((t) => t.startsWith('2026-'))
        .slice(0, 3),
    );
    expect(page.nextToken).toEqual(expect.any(String));
    const owned = index.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Reading);
    expect(owned.map((r) => r.timestamp)).toEqual(TIMES);
    expect(owned.every((r) => r.owner === 'bob')).toBe(true);
  });
});
