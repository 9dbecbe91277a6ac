import type { SignedRequest } from './signed-request';
import type { AccessKeyResolver } from './verify-sigv4';

/** The account of the access key a request is signed with, unverified (for routing faults, never for auth). */
export function callerAccountOf(request: SignedRequest, keys: AccessKeyResolver): string | undefined {
  const authorization = request.headers.authorization;
  const keyId = /Credential=([^/,\s]+)\//.exec(typeof authorization === 'string' ? authorization : '')?.[1];
  return keyId === undefined ? undefined : keys.lookupAccessKey(keyId)?.accountId;
}
