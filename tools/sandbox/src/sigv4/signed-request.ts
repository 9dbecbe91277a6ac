import type { IncomingHttpHeaders } from 'node:http';

/** The parts of an HTTP request SigV4 covers, as the sandbox server received them. */
export interface SignedRequest {
  readonly method: string;
  /** The raw request target (`/path?query`), exactly as sent (still percent-encoded). */
  readonly url: string;
  /** Node's lower-cased headers. */
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}
