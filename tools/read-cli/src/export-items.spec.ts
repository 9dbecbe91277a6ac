import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { InvalidRequestError, ThrottledError, type ReaderClient } from '@xacct/reader-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportItems, THROTTLE_PATIENCE_MS, type ExportItemsInput } from './export-items';
import { fakeScanClient } from './test-support/fake-scan-client';

let dir: string;
let output: string;
let statePath: string;
const BASE = 'http://127.0.0.1:4566/restapis/abc/v1/_user_request_';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'export-'));
  output = join(dir, 'items.jsonl');
  statePath = join(dir, 'state.json');
});

/** Runs an export into `output` opened for appending (`>> items.jsonl`). */
async function run(input: Omit<ExportItemsInput, 'out' | 'outFd' | 'baseUrl' | 'options'> & Partial<ExportItemsInput>) {
  const fd = openSync(output, 'a');
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeSync(fd, chunk);
      callback();
    },
  });
  try {
    return await exportItems({ baseUrl: BASE, options: { limit: 7 }, out, outFd: fd, ...input });
  } finally {
    closeSync(fd);
  }
}

/** An export of `count` items in `segments` stopped (as by Ctrl-C) after its first page. */
async function stopAfterOnePage(count: number, segments: number) {
  const interrupt = new AbortController();
  await run({
    client: fakeScanClient(count).client,
    segments,
    statePath,
    signal: interrupt.signal,
    onProgress: () => interrupt.abort(),
  });
}

const lines = () =>
  readFileSync(output, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { id: string }).id);

describe('exportItems', () => {
  it('4 segments: every item exactly once, one request per page of each segment', async () => {
    const { client, calls, ids } = fakeScanClient(100);

    const result = await run({ client, segments: 4, statePath });

    expect(lines().sort()).toEqual(ids);
    expect(result).toMatchObject({ complete: true, items: 100, pages: 16, segmentsDone: 4, totalSegments: 4 });
    expect(new Set(calls.map((c) => c.segment))).toEqual(new Set([0, 1, 2, 3]));
    expect(JSON.parse(readFileSync(statePath, 'utf8'))).toMatchObject({
      items: 100,
      outputBytes: readFileSync(output).length,
    });
  });

  it('1 segment is a plain Scan (no segment parameters)', async () => {
    const { client, calls, ids } = fakeScanClient(20);

    await run({ client, segments: 1 });

    expect(lines()).toEqual(ids);
    expect(calls.every((c) => c.segment === undefined && c.totalSegments === undefined)).toBe(true);
  });

  it('interrupted after 5 pages, then resumed: every item exactly once, none read twice', async () => {
    const { client, calls, ids } = fakeScanClient(200);
    const interrupt = new AbortController();

    const first = await run({
      client,
      segments: 4,
      statePath,
      signal: interrupt.signal,
      onProgress: (p) => p.pages === 5 && interrupt.abort(),
    });
    const afterFirst = lines().length;
    const second = await run({ client: fakeScanClient(200).client, segments: 4, statePath });

    expect(first.complete).toBe(false);
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThan(200);
    expect(calls.length).toBeLessThan(12);
    expect(second).toMatchObject({ complete: true, items: 200, itemsThisRun: 200 - afterFirst });
    expect(lines()).toHaveLength(200);
    expect(lines().sort()).toEqual(ids);
  });

  it('a hard kill after a write but before its save: the unsaved bytes are cut, then read again', async () => {
    const { client, ids } = fakeScanClient(60);
    const interrupt = new AbortController();
    await run({
      client,
      segments: 2,
      statePath,
      signal: interrupt.signal,
      onProgress: (p) => p.pages === 3 && interrupt.abort(),
    });
    // What a SIGKILL between writing a page and saving its token leaves: lines past the saved size, the last one cut.
    appendFileSync(output, '{"id":"i0002"}\n{"id":"i00');

    await run({ client: fakeScanClient(60).client, segments: 2, statePath });

    expect(lines()).toHaveLength(60);
    expect(lines().sort()).toEqual(ids);
  });

  it('a hard kill during the first page: the resume cuts the output back to where the export started', async () => {
    writeFileSync(output, '{"id":"from before"}\n');
    const interrupt = new AbortController();
    interrupt.abort();
    await run({ client: fakeScanClient(20).client, segments: 2, statePath, signal: interrupt.signal });
    appendFileSync(output, '{"id":"i0001"}\n{"id":"i0');

    await run({ client: fakeScanClient(20).client, segments: 2, statePath });

    expect(lines()[0]).toBe('from before');
    expect(lines().slice(1).sort()).toEqual(fakeScanClient(20).ids);
  });

  it('an API error stops every segment at a page boundary; the resume completes exactly once', async () => {
    const { client, ids } = fakeScanClient(100, 6);

    await expect(run({ client, segments: 4, statePath })).rejects.toThrow('TargetUnavailable: injected');
    await run({ client: fakeScanClient(100).client, segments: 4, statePath });

    expect(lines().sort()).toEqual(ids);
  });

  it('refuses to resume into a shorter output (a new file, or > instead of >>)', async () => {
    await stopAfterOnePage(50, 2);
    writeFileSync(output, '');

    await expect(run({ client: fakeScanClient(50).client, segments: 2, statePath })).rejects.toThrow(
      /the output file has 0 bytes, but .*state.json says \d+ were written: resume appending to the same file/,
    );
  });

  it('refuses to resume into a larger file that is not the output, and leaves it as it is', async () => {
    await stopAfterOnePage(50, 2);
    const other = `${'{"id":"other"}\n'.repeat(100)}`;
    writeFileSync(output, other);

    await expect(run({ client: fakeScanClient(50).client, segments: 2, statePath })).rejects.toThrow(
      /the output file is not the one .*state.json was written for .*it was left as it is/,
    );
    expect(readFileSync(output, 'utf8')).toBe(other);
  });

  it('an unwritable --resume path fails before any request or output', async () => {
    const { client, calls } = fakeScanClient(20);

    await expect(run({ client, segments: 2, statePath: join(dir, 'missing', 'state.json') })).rejects.toThrow(
      /cannot write the --resume file .*missing\/state.json \(ENOENT\): pass a path in an existing, writable directory/,
    );
    expect(calls).toHaveLength(0);
    expect(readFileSync(output, 'utf8')).toBe('');
  });

  it('refuses a state file of another export, or one that is not a state file', async () => {
    await stopAfterOnePage(50, 2);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, 'not json');

    await expect(run({ client: fakeScanClient(50).client, segments: 3, statePath })).rejects.toThrow(
      /belongs to another export \(totalSegments was 2, now 3\)/,
    );
    await expect(run({ client: fakeScanClient(50).client, segments: 2, statePath: junk })).rejects.toThrow(
      /junk.json is not an export state file/,
    );
  });

  it('throttled (429) pages wait with growing, jittered backoff and the export completes', async () => {
    const { client, ids } = fakeScanClient(100);
    let calls = 0;
    // The first 20 calls are throttled: 4 segments hitting the stage limit together.
    const throttled: Pick<ReaderClient, 'listItems'> = {
      listItems: (options) => {
        calls += 1;
        return calls <= 20
          ? Promise.reject(new ThrottledError('Too Many Requests', { status: 429 }))
          : client.listItems(options);
      },
    };
    const waits: number[] = [];

    const result = await run({ client: throttled, segments: 4, statePath, sleep: async (ms) => void waits.push(ms) });

    expect(result).toMatchObject({ complete: true, items: 100 });
    expect(lines().sort()).toEqual(ids);
    expect(waits).toHaveLength(20);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(250);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8_000);
  });

  it('throttled without end: gives up after a bounded wait; other errors are not retried; an abort ends the wait', async () => {
    const always = (error: Error): Pick<ReaderClient, 'listItems'> => ({ listItems: () => Promise.reject(error) });
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);

    await expect(
      run({ client: always(new ThrottledError('Too Many Requests', { status: 429 })), segments: 1, sleep }),
    ).rejects.toBeInstanceOf(ThrottledError);
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(THROTTLE_PATIENCE_MS);
    expect(total).toBeGreaterThan(THROTTLE_PATIENCE_MS - 8_000);

    waits.length = 0;
    await expect(
      run({ client: always(new InvalidRequestError('bad', { status: 400 })), segments: 1, sleep }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(waits).toEqual([]);

    const interrupt = new AbortController();
    const stopped = await run({
      client: always(new ThrottledError('Too Many Requests', { status: 429 })),
      segments: 2,
      signal: interrupt.signal,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          interrupt.abort();
        }),
    });
    expect(stopped).toMatchObject({ complete: false, items: 0 });
  });

  it('into a pipe (not a file): exports, and records no output size', async () => {
    const { client, ids } = fakeScanClient(30);
    const chunks: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });

    await exportItems({ client, baseUrl: BASE, segments: 3, options: {}, out, statePath });

    expect(chunks.join('').trim().split('\n')).toHaveLength(ids.length);
    expect(JSON.parse(readFileSync(statePath, 'utf8'))).toMatchObject({ outputBytes: null, items: 30 });
  });
});
