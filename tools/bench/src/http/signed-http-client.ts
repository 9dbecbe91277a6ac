import { Agent, request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { BenchError } from '../errors';
import { NodeSha256 } from '@xacct/sandbox';

export interface SignedResponse {
  readonly status: number;
  readonly body: string;
  /** From just before signing to the last byte of the body. */
  readonly ms: number;
}

export interface SignedHttpClientOptions {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly region: string;
  /** @default 'execute-api' */
  readonly service?: string;
  /** Per-request bound, so a stuck sandbox cannot hang the bench. @default 30000 */
  readonly timeoutMs?: number;
}

export interface SignedHttpClient {
  get(url: string): Promise<SignedResponse>;
  close(): void;
}

/**
 * SigV4-signed GETs over one keep-alive agent, the way a caller with IAM credentials (curl --aws-sigv4, an SDK)
 * reaches an IAM-authorized API. Loopback http only: the bench never talks to anything else.
 */
export function signedHttpClient(options: SignedHttpClientOptions): SignedHttpClient {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    },
    region: options.region,
    service: options.service ?? 'execute-api',
    sha256: NodeSha256,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function get(url: string): Promise<SignedResponse> {
    const target = new URL(url);
    if (target.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
      throw new BenchError('InvalidArgument', `the bench only calls the loopback sandbox, not ${target.origin}`);
    }
    const started = performance.now();
    const query: Record<string, string> = {};
    target.searchParams.forEach((value, key) => (query[key] = value));
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query,
      headers: { host: target.host },
    });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: target.hostname.replace(/^\[|\]$/g, ''),
          port: target.port,
          method: 'GET',
          path: `${target.pathname}${target.search}`,
          headers: signed.headers,
          agent,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new BenchError('UnexpectedResponse', `GET ${url} took over ${timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  return { get, close: () => agent.destroy() };
}
