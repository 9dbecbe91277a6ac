import { Agent, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import dynalite from 'dynalite';

/** A response of the dynalite backend. */
export interface BackendResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

// dynalite only checks that an Authorization header is present; the front has verified the real one already.
const BACKEND_AUTH =
  'AWS4-HMAC-SHA256 Credential=sandbox/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

/**
 * dynalite on an internal loopback port: the storage engine behind the IAM-enforcing front. Tables are created
 * immediately ACTIVE; with `dataDir` the data lives in LevelDB and survives restarts.
 */
export class DynamoBackend {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

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

  /** Calls a DynamoDB action on dynalite with an already rewritten JSON body. */
  call(action: string, body: unknown): Promise<BackendResponse> {
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
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({
                status: res.statusCode ?? 500,
                body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
              });
            } catch (error) {
              reject(new Error(`dynalite answered ${res.statusCode} with a non-JSON body`, { cause: error }));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
