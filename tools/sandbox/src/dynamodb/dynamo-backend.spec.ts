import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoBackend } from './dynamo-backend';

const started: DynamoBackend[] = [];
const dirs: string[] = [];

async function start(dataDir?: string, log?: (line: string) => void): Promise<DynamoBackend> {
  const backend = await DynamoBackend.start(dataDir, log);
  started.push(backend);
  return backend;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

const TABLE = {
  TableName: '222222222222.us-east-1.devices',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
};

afterEach(async () => {
  await Promise.all(started.splice(0).map((backend) => backend.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('DynamoBackend (dynalite in a process of its own)', () => {
  it('answers through its process and leaves no process behind when closed, quietly', async () => {
    // Arrange
    const lines: string[] = [];
    const backend = await start(undefined, (line) => lines.push(line));
    const pid = backend.pid ?? -1;

    // Act
    const listed = await backend.call('ListTables', {});
    await backend.close();

    // Assert
    expect(listed).toEqual({ status: 200, body: { TableNames: [] } });
    expect(pid).not.toBe(process.pid);
    expect(alive(pid)).toBe(false);
    expect(lines).toEqual([]);
  });

  it('keeps the data of a dataDir across a close and a new start', async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'dynamo-backend-'));
    dirs.push(dir);
    const first = await start(dir);
    await first.call('CreateTable', TABLE);
    await first.call('PutItem', { TableName: TABLE.TableName, Item: { id: { S: 'd-1' }, n: { N: '1' } } });
    await first.close();

    // Act
    const second = await start(dir);
    const read = await second.call('GetItem', { TableName: TABLE.TableName, Key: { id: { S: 'd-1' } } });

    // Assert
    expect(read.body).toEqual({ Item: { id: { S: 'd-1' }, n: { N: '1' } } });
  });

  it('answers a request dynalite would throw on as a SerializationException, and keeps serving', async () => {
    // Arrange
    const backend = await start();
    await backend.call('CreateTable', TABLE);

    // Act: a null attribute value makes dynalite's validation throw inside its request listener
    const bad = await backend.call('PutItem', { TableName: TABLE.TableName, Item: { id: null } });
    const next = await backend.call('ListTables', {});

    // Assert
    expect(bad.status).toBe(400);
    expect(String(bad.body['__type'])).toMatch(/SerializationException|ValidationException/);
    expect(next.body).toEqual({ TableNames: [TABLE.TableName] });
  });

  it("says when dynalite's process dies, and fails every call after with a clear message", async () => {
    // Arrange
    const lines: string[] = [];
    const backend = await start(undefined, (line) => lines.push(line));
    process.kill(backend.pid ?? -1, 'SIGKILL');
    await until(() => !alive(backend.pid ?? -1), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Act / Assert
    await expect(backend.call('ListTables', {})).rejects.toThrow(/dynalite's process exited \(SIGKILL\)/);
    expect(lines).toEqual([expect.stringMatching(/dynalite's process exited \(SIGKILL\).*restart the sandbox/)]);
  });

  it('does not outlive a sandbox process that is killed', async () => {
    // Arrange: a process that starts a backend, prints dynalite's pid and waits
    const script = `
      import { DynamoBackend } from ${JSON.stringify(new URL('./dynamo-backend.ts', import.meta.url).pathname)};
      const backend = await DynamoBackend.start();
      console.log('PID ' + backend.pid);
      setInterval(() => undefined, 1000);`;
    const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      owner.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const match = /PID (\d+)/.exec(chunk);
        if (match) resolve(Number(match[1]));
      });
      owner.once('exit', (code) => reject(new Error(`the owner exited (${code}) before printing a pid`)));
    });
    expect(alive(pid)).toBe(true);

    // Act
    owner.kill('SIGKILL');

    // Assert
    expect(await until(() => !alive(pid), 10_000)).toBe(true);
  });
});
