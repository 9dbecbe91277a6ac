import { SignatureV4, type SignatureV4Init } from '@smithy/signature-v4';
import { NodeSha256 } from './node-sha256.js';

/**
 * The workspace's one SigV4 signer: `@smithy/signature-v4` (the AWS SDK's own) over node:crypto. Every request this
 * project signs by hand goes through it: `signedFetch`, the reader client, and the sandbox's signature check, which
 * recomputes a caller's signature with the same signer.
 */
export function createSigner(options: SignatureV4Init): SignatureV4 {
  return new SignatureV4({ ...options, sha256: NodeSha256 });
}
