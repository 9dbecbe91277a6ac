import { Agent, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import dynalite from 'dynalite';

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

/**
 * dynalite validates inside its request's 'end' listener and throws on some shapes it does not expect (e.g. a null
 * attribute value), which would be an uncaught exception that ends the whole sandbox. Run those listeners guarded
 * and answer such a request as DynamoDB answers a malformed one.
 */
function guardRequestHandlers(server: Server): void {
  const handlers = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const on = req.on.bind(req);
    req.on = ((event: string, listener: (...args: unknown[]) => void) =>
      on(event, (...args: unknown[]) => {
        try {
          listener(...args);
        } catch (error) {
          if (res.headersSent) return;
          const body = JSON.stringify({
            __type: 'com.amazon.coral.service#SerializationException',
            message: `The request has a value of an unexpected type (${error instanceof Error ? error.message : String(error)}).`,
          });
          res.writeHead(400, {
            'content-type': 'application/x-amz-json-1.0',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        }
      })) as typeof req.on;
    for (const handler of handlers) handler.call(server, req, res);
  });
}

/**
 * dynalite on an internal loopback port: the storage engine behind the IAM-enforcing front. Tables are created
 * immediately ACTIVE; with `dataDir` the data lives in LevelDB and survives restarts.
 */
export class DynamoBackend {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly hashKeys = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  static async start(dataDir?: string): Promise<DynamoBackend> {
    let path: string | undefined;
    if (dataDir !== undefined) {
      path = join(dataDir, 'dynamodb');
      mkdirSync(path, { recursive: true });
    }
    const server = dynalite({
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
      ...(path === undefined ? {} : { path }),
    });
    guardRequestHandlers(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new DynamoBackend(server, (server.address() as AddressInfo).port);
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
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
