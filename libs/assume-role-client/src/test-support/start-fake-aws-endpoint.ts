import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The access key id from the SigV4 Authorization header. */
  readonly accessKeyId: string | undefined;
}

export interface FakeResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface FakeAwsEndpoint {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A scripted AWS-style HTTP endpoint on loopback (port 0) that records each signed request. `respond` returning
 * `'hang'` never answers that request (until `close()`, which drops every connection).
 */
export async function startFakeAwsEndpoint(
  respond: (request: RecordedRequest, index: number) => FakeResponse | 'hang',
): Promise<FakeAwsEndpoint> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const authorization = req.headers.authorization ?? '';
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        accessKeyId: /Credential=([^/]+)\//.exec(authorization)?.[1],
      };
      requests.push(recorded);
      const reply = respond(recorded, requests.length - 1);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': reply.contentType, 'x-amzn-requestid': `req-${requests.length}` });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
