import { Writable } from 'node:stream';
import { ReaderClientUsageError, type Page, type ReaderClient } from '@xacct/reader-client';
import { describe, expect, it, vi } from 'vitest';
import { parseReadArgs } from './parse-read-args';
import { runReadCommand } from './run-read-command';
import { fakeScanClient } from './test-support/fake-scan-client';

function sink(isTTY = false) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join('') };
}

const page = (items: object[], nextToken: string | null = null): Page => ({ items: items as Page['items'], nextToken });

/** A client whose every method resolves to the given page (paginate* yield its items). */
function clientOf(result: Page, item?: object) {
  const all = async function* () {
    yield* result.items;
  };
  return {
    getItem: vi.fn(async () => item),
    listItems: vi.fn(async () => result),
    query: vi.fn(async () => result),
    queryIndex: vi.fn(async () => result),
    paginateItems: vi.fn(all),
    paginateQuery: vi.fn(all),
    paginateIndex: vi.fn(all),
  } as unknown as ReaderClient & Record<string, ReturnType<typeof vi.fn>>;
}

async function run(line: string, client: ReaderClient, isTTY = false) {
  const out = sink();
  const err = sink(isTTY);
  await runReadCommand(parseReadArgs(line.split(' ')), client, 'http://api', { out: out.stream, err: err.stream });
  return { out: out.text(), err: err.text() };
}

describe('runReadCommand', () => {
  it('item: the item as a JSON line; a missing one is NOT_FOUND naming the key', async () => {
    const found = clientOf(page([]), { deviceId: 'd1' });

    expect((await run('item d1 --sk 5 --fields a', found)).out).toBe('{"deviceId":"d1"}\n');
    expect(found.getItem).toHaveBeenCalledWith('d1', { fields: ['a'], sk: '5' });
    await expect(run('item d9 --sk x', clientOf(page([])))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no item with key d9 / x',
    });
  });

  it('item without --sk on a table with a sort key: a usage error saying to pass --sk or query', async () => {
    const client = clientOf(page([]));
    vi.mocked(client.getItem).mockRejectedValue(new ReaderClientUsageError('getItem without sk'));

    await expect(run('item d1', client)).rejects.toMatchObject({
      code: 'USAGE',
      message: 'item d1 needs --sk <sort key>: the table has a sort key (or: query d1)',
    });
  });

  it('items and query print one page; with --all every item as JSON Lines', async () => {
    const client = clientOf(page([{ k: 1 }, { k: 2 }], 'next'));

    expect((await run('items --limit 2', client)).out).toBe('{"items":[{"k":1},{"k":2}],"nextToken":"next"}\n');
    expect((await run('items --all', client)).out).toBe('{"k":1}\n{"k":2}\n');
    expect((await run('query p --sk-begins-with 2026- --order desc', client)).out).toContain('"nextToken":"next"');
    expect((await run('query p --all', client)).out).toBe('{"k":1}\n{"k":2}\n');
    expect((await run('query p --index byOwner --limit 1', client)).out).toContain('"items"');
    expect((await run('query p --index byOwner --all', client)).out).toBe('{"k":1}\n{"k":2}\n');
    expect(client.query).toHaveBeenCalledWith('p', { skBeginsWith: '2026-', order: 'desc' });
    expect(client.queryIndex).toHaveBeenCalledWith('byOwner', 'p', { limit: 1 });
  });

  it('query --index with --consistent is a usage error (indexes have no consistent reads)', async () => {
    await expect(run('query p --index byOwner --consistent', clientOf(page([])))).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('export: a progress line on stderr only when stderr is a TTY', async () => {
    const tty = await run('export --segments 2', fakeScanClient(30).client as ReaderClient, true);
    const piped = await run('export --segments 2', fakeScanClient(30).client as ReaderClient, false);

    expect(tty.err).toMatch(/export: 30 items, 4 pages, 2\/2 segments done, [\d,]+ items\/s\n$/);
    expect(piped.err).toBe('');
    expect(piped.out.trim().split('\n')).toHaveLength(30);
  });
});
