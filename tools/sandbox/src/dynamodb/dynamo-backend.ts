import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A response of the dynalite backend. */
export interface BackendResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** dynalite's JSON text as an object (an empty body is `{}`). */
export function backendBody(status: number, text: string): Record<string, unknown> {
  try {
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch (error) {
    throw new Error(`dynalite answered ${status} with a non-JSON body`, { cause: error });
  }
}

// dynalite only checks that an Authorization header is present; the front has verified the real one already.
const BACKEND_AUTH =
  'AWS4-HMAC-SHA256 Credential=sandbox/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

const BACKEND_TIMEOUT_MS = 30_000;

/** The script of dynalite's process (plain JS, next to this file). */
const DYNALITE_PROCESS = fileURLToPath(new URL('./dynalite-process.mjs', import.meta.url));
/** How long dynalite may take to start listening, and to close its database. */
const START_LIMIT_MS = 30_000;
const CLOSE_LIMIT_MS = 10_000;

/**
 * dynalite on an internal loopback port, in a process of its own: the storage engine behind the IAM-enforcing front.
 * Tables are created immediately ACTIVE; with `dataDir` the data lives in LevelDB and survives restarts. Its own
 * process gives it its own core: a parallel Scan through the API kept the sandbox's one thread busy with dynalite's
 * storage work (~60 % of it) while the other core waited.
 */
export class DynamoBackend {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly hashKeys = new Map<string, string>();

  /** Why dynalite's process is gone, once it is (every later call fails with it instead of ECONNREFUSED). */
  private gone: string | undefined;

  private closing = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly port: number,
    log: (line: string) => void,
  ) {
    child.once('exit', (code, signal) => {
      this.gone = `dynalite's process exited (${signal ?? code})`;
      if (!this.closing) log(`[sandbox] ${this.gone}: every DynamoDB call fails from now on; restart the sandbox`);
    });
  }

  /** `log` hears of dynalite's process dying while the sandbox runs. */
  static async start(dataDir?: string, log: (line: string) => void = () => undefined): Promise<DynamoBackend> {
    let path: string | undefined;
    if (dataDir !== undefined) {
      path = join(dataDir, 'dynamodb');
      mkdirSync(path, { recursive: true });
    }
    const child = fork(DYNALITE_PROCESS, [], {
      // Plain node: not the TypeScript loader the sandbox itself may run under.
      execArgv: [],
      env: { PATH: process.env['PATH'] ?? '', ...(path === undefined ? {} : { DYNALITE_PATH: path }) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`dynalite did not start: ${why}`));
      };
      const timer = setTimeout(() => fail(`no port within ${START_LIMIT_MS} ms`), START_LIMIT_MS);
      child.once('error', (error) => fail(error.message));
      child.once('exit', (code, signal) => fail(`its process exited (${signal ?? code})`));
      child.on('message', (message: { type?: string; port?: number; message?: string }) => {
        if (message.type === 'error') fail(message.message ?? 'unknown error');
        if (message.type !== 'listening' || typeof message.port !== 'number') return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(message.port);
      });
    });
    return new DynamoBackend(child, port, log);
  }

  /** dynalite's process id (diagnostics, tests). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The name a table of `accountId`/`region` has inside dynalite, so equal names in two accounts never collide. */
  physicalName(accountId: string, region: string, tableName: string): string {
    return `${accountId}.${region}.${tableName}`;
  }

  /** The partition key attribute of a table (cached; undefined when the table does not exist). */
  async hashKeyOf(physical: string): Promise<string | undefined> {
    const cached = this.hashKeys.get(physical);
    if (cached !== undefined) return cached;
    const described = await this.call('DescribeTable', { TableName: physical });
    const schema = (
      described.body.Table as { KeySchema?: Array<{ AttributeName: string; KeyType: string }> } | undefined
    )?.KeySchema;
    const hashKey = schema?.find((element) => element.KeyType === 'HASH')?.AttributeName;
    if (hashKey !== undefined) this.hashKeys.set(physical, hashKey);
    return hashKey;
  }

  /** Calls a DynamoDB action on dynalite with an already rewritten JSON body. */
  async call(action: string, body: unknown): Promise<BackendResponse> {
    const { status, text } = await this.callText(action, body);
    return { status, body: backendBody(status, text) };
  }

  /** The same, answering dynalite's JSON text as it came: a front that needs nothing rewritten passes it on. */
  callText(action: string, body: unknown): Promise<{ readonly status: number; readonly text: string }> {
    // A table created or deleted under this name may have another key schema.
    if (action === 'CreateTable' || action === 'DeleteTable')
      this.hashKeys.delete(String((body as { TableName?: unknown }).TableName));
    if (this.gone !== undefined) return Promise.reject(new Error(this.gone));
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'content-length': payload.length,
            'x-amz-target': `DynamoDB_20120810.${action}`,
            'x-amz-date': '20200101T000000Z',
            authorization: BACKEND_AUTH,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 500, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      // A request dynalite never answers must not hang the caller forever.
      req.setTimeout(BACKEND_TIMEOUT_MS, () =>
        req.destroy(new Error(`dynalite did not answer ${action} within ${BACKEND_TIMEOUT_MS} ms`)),
      );
      req.end(payload);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.agent.destroy();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    // dynalite closes its database (LevelDB flushes) and exits; one that does not is killed.
    this.child.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), CLOSE_LIMIT_MS);
    await exited;
    clearTimeout(timer);
  }
}
