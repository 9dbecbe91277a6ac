import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_HEADER } from '../admin/admin-header';
import { isLoopbackHost } from './is-loopback-host';
import type { SandboxRequest, SandboxRouteHandler, SandboxRouteMatcher } from './sandbox-request';
import { sendJson } from './send-json';

/** DynamoDB's own request limit; no sandbox service accepts more. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

interface Route {
  readonly label: string;
  readonly match: SandboxRouteMatcher;
  readonly handler: SandboxRouteHandler;
}

/**
 * The one loopback HTTP server of the sandbox. Requests are read fully (bounded), then given to the first route
 * whose matcher takes them: prefix mounts first (longest prefix wins), then predicate routes in order.
 */
export class SandboxServer {
  private readonly server: Server;
  private readonly mounts: Array<{ prefix: string; handler: SandboxRouteHandler }> = [];
  private readonly routes: Route[] = [];

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Keep-alive like AWS endpoints; SDK clients reuse connections.
    this.server.keepAliveTimeout = 65_000;
  }

  /** Sends every request whose path starts with `prefix` (e.g. `/restapis/`) to `handler`. */
  mount(prefix: string, handler: SandboxRouteHandler): void {
    this.mounts.push({ prefix, handler });
    this.mounts.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Sends requests `match` accepts to `handler` (checked after the prefix mounts, in registration order). */
  route(label: string, match: SandboxRouteMatcher, handler: SandboxRouteHandler): void {
    this.routes.push({ label, match, handler });
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  /** Stops listening and ends every connection, in-flight requests included: `close` alone waits for them. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    res.setHeader('x-amzn-RequestId', requestId);
    try {
      const refusal = refusalOf(req);
      if (refusal !== undefined) {
        sendJson(res, 403, { __type: 'AccessDeniedException', message: refusal });
        return;
      }
      if (isAdminPath(req.url) && req.headers[ADMIN_HEADER] === undefined) {
        // Checked here once for every /_sandbox/ route, the core admin API's and plugins' alike.
        sendJson(res, 403, {
          error: {
            code: 'AdminHeaderMissing',
            message: `The sandbox admin API needs the ${ADMIN_HEADER} header (use the sandbox CLI).`,
          },
        });
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        sendJson(res, 413, {
          __type: 'com.amazon.coral.service#RequestEntityTooLarge',
          message: `Request body exceeds the limit of ${MAX_BODY_BYTES} bytes.`,
        });
        return;
      }
      const url = req.url ?? '/';
      const queryIndex = url.indexOf('?');
      const request: SandboxRequest = {
        method: req.method ?? 'GET',
        url,
        path: queryIndex === -1 ? url : url.slice(0, queryIndex),
        searchParams: new URLSearchParams(queryIndex === -1 ? '' : url.slice(queryIndex + 1)),
        headers: req.headers,
        body,
        requestId,
        remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
      };
      const handler = this.pick(request);
      if (handler === undefined) {
        sendJson(res, 404, {
          message: `The sandbox has no service for ${request.method} ${request.path}. It serves DynamoDB (X-Amz-Target), STS, IAM and CloudFormation (form POST signed for the service), Lambda (/2015-03-31/functions/), /restapis/ and /_sandbox/.`,
        });
        return;
      }
      await handler(request, res);
    } catch (error) {
      this.log(`[sandbox] ${req.method} ${req.url}: internal error ${describe(error)} (request ${requestId})`);
      if (!res.headersSent)
        sendJson(res, 500, { __type: 'InternalFailure', message: `Internal sandbox error (request ${requestId}).` });
      else res.end();
    }
  }

  private pick(request: SandboxRequest): SandboxRouteHandler | undefined {
    const mount = this.mounts.find((m) => request.path.startsWith(m.prefix));
    if (mount !== undefined) return mount.handler;
    return this.routes.find((route) => route.match(request))?.handler;
  }
}

/**
 * Why a request must not reach any service: a Host that is not loopback (DNS rebinding), or a browser request
 * (Origin) to the admin API, which hands out admin keys and runs deployed code.
 */
function refusalOf(req: IncomingMessage): string | undefined {
  if (!isLoopbackHost(req.headers.host)) {
    const host = (req.headers.host ?? '').slice(0, 100);
    return `The sandbox answers only requests addressed to a loopback host (127.0.0.1, localhost, [::1]), not '${host}'. Use the endpoint the sandbox printed.`;
  }
  if (isAdminPath(req.url) && req.headers.origin !== undefined) {
    return 'The sandbox admin API does not answer browser requests (Origin header present). Use the sandbox CLI.';
  }
  return undefined;
}

/** The admin API (core and plugin routes) lives under /_sandbox. */
function isAdminPath(url: string | undefined): boolean {
  return (url ?? '').startsWith('/_sandbox');
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
