import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createReaderClient } from '@xacct/reader-client';
import { ReaderStack } from '@xacct/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const ITEMS = 400;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run read -- <args>` as a child process (the sandbox answering it runs in this process, so it must be
 * asynchronous). `outFile`: stdout appended to that file (`>> file`), as a shell would redirect it.
 */
function read(args: string[], options: { outFile?: string; onStart?: (child: ReturnType<typeof spawn>) => void } = {}) {
  const fd = options.outFile === undefined ? undefined : openSync(options.outFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tools/read-cli/src/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tools/read-cli/tsconfig.json'), SANDBOX_ENDPOINT: '' },
    stdio: ['ignore', fd ?? 'pipe', 'pipe'],
  });
  if (fd !== undefined) closeSync(fd);
  options.onStart?.(child);
  return new Promise<Run>((done) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

const idsOf = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { deviceId: string }).deviceId);

/** Waits until `file` holds at least `bytes`, then signals the child. */
function interruptOnceWritten(file: string, bytes: number, signal: NodeJS.Signals) {
  return (child: ReturnType<typeof spawn>) => {
    const timer = setInterval(() => {
      if (statSync(file).size < bytes) return;
      clearInterval(timer);
      child.kill(signal);
    }, 5);
    child.on('close', () => clearInterval(timer));
  };
}

describe('npm run read against the sandbox (real templates, the CLI as a child process)', () => {
  let stack: ReaderStack;
  let where: string[];
  let dir: string;
  let everyId: string[];

  beforeAll(async () => {
    stack = await ReaderStack.start();
    await stack.deployTarget();
    await stack.deploySource();
    await stack.seed(ITEMS - 2);
    where = ['--endpoint', stack.sandbox.endpoint];
    dir = mkdtempSync(join(tmpdir(), 'read-cli-'));
    const client = createReaderClient({
      baseUrl: stack.apiUrl(),
      region: stack.stage.source.region,
      credentials: stack.caller(),
    });
    everyId = [];
    for await (const item of client.paginateItems<{ deviceId: string }>({ limit: 1000 })) everyId.push(item.deviceId);
    everyId.sort();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('item d0001: the item as one JSON line, found through the sandbox admin API (--stage local, --endpoint)', async () => {
    const run = await read(['item', 'd0001', ...where]);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ deviceId: 'd0001', name: 'This is a pen.' });
  });

  it('item of a missing key exits 1 saying so; items --limit 5 prints one page', async () => {
    const missing = await read(['item', 'nope', ...where]);
    const page = await read(['items', '--limit', '5', ...where]);

    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe('read: no item with key nope\n');
    expect(page.code).toBe(0);
    expect(JSON.parse(page.stdout)).toMatchObject({ items: expect.any(Array), nextToken: expect.any(String) });
    expect((JSON.parse(page.stdout) as { items: unknown[] }).items).toHaveLength(5);
  });

  it('a bad flag exits 2 with the usage; an API refusal exits 1 with code, status and requestId', async () => {
    const bad = await read(['items', '--limt', '5', ...where]);
    const refused = await read(['items', '--next-token', 'not-a-token', ...where]);
    const noSandbox = await read(['items', '--endpoint', 'http://127.0.0.1:1']);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^read: Unknown option '--limt'\n\nusage: npm run read -- <command> \[options\]/);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^read: InvalidRequest \(HTTP 400\): nextToken.* \[requestId [0-9a-f-]{36}\]\n$/);
    expect(noSandbox.code).toBe(1);
    expect(noSandbox.stderr).toMatch(
      /^read: no sandbox answers at http:\/\/127\.0\.0\.1:1 .*start it with npm start, or pass --endpoint/,
    );
  });

  it('export > items.jsonl: every item exactly once, nothing on stderr when it is not a TTY', async () => {
    const out = join(dir, 'all.jsonl');

    const run = await read(['export', '--segments', '4', '--limit', '50', ...where], { outFile: out });

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(idsOf(out).sort()).toEqual(everyId);
  });

  it('export interrupted by Ctrl-C, then resumed into the same file: each item exactly once', async () => {
    const out = join(dir, 'interrupted.jsonl');
    const state = join(dir, 'interrupted.state.json');
    const slow = stack.sandbox.faults.add({ service: 'dynamodb', action: 'Scan', kind: 'latency', ms: 40 });
    const args = ['export', '--segments', '4', '--limit', '10', '--resume', state, ...where];

    const first = await read(args, { outFile: out, onStart: interruptOnceWritten(out, 1, 'SIGINT') });
    const partial = idsOf(out).length;
    stack.sandbox.faults.remove(slow.id);
    const second = await read(args, { outFile: out });

    expect(first.code).toBe(130);
    expect(first.stderr).toContain(
      `continue with the same command (--resume ${state}), appending to the same output (>>)`,
    );
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ITEMS);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(idsOf(out)).toHaveLength(ITEMS);
    expect(idsOf(out).sort()).toEqual(everyId);
  });

  it('export killed hard (SIGKILL) mid-page, then resumed: none lost, none repeated', async () => {
    const out = join(dir, 'killed.jsonl');
    const state = join(dir, 'killed.state.json');
    const slow = stack.sandbox.faults.add({ service: 'dynamodb', action: 'Scan', kind: 'latency', ms: 40 });
    const args = ['export', '--segments', '3', '--limit', '10', '--resume', state, ...where];

    const first = await read(args, { outFile: out, onStart: interruptOnceWritten(out, 2000, 'SIGKILL') });
    stack.sandbox.faults.remove(slow.id);
    const second = await read(args, { outFile: out });

    expect(first.signal).toBe('SIGKILL');
    expect(second.code).toBe(0);
    expect(idsOf(out)).toHaveLength(ITEMS);
    expect(idsOf(out).sort()).toEqual(everyId);
  });
});
