import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSts {
  readonly url: string;
  /** Form parameters and SigV4 access key id of each request received. */
  readonly requests: { params: URLSearchParams; accessKeyId: string | undefined }[];
  close(): Promise<void>;
}

/** A loopback STS that answers every AssumeRole with fresh one-hour credentials (query protocol, XML). */
export async function startFakeSts(): Promise<FakeSts> {
  const requests: FakeSts['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        params: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
        accessKeyId: /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1],
      });
      const expiration = new Date(Date.now() + 3_600_000).toISOString();
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAKESTS</AccessKeyId>' +
          '<SecretAccessKey>fake-sts-secret</SecretAccessKey><SessionToken>fake-sts-token</SessionToken>' +
          `<Expiration>${expiration}</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
