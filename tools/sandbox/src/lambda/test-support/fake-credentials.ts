import type { LambdaCredentials } from '../types';

/** Credentials as the STS front would hand out, valid for an hour. */
export function fakeCredentials(suffix = '1'): LambdaCredentials {
  return {
    accessKeyId: `ASIATEST${suffix}`,
    secretAccessKey: `secret-${suffix}`,
    sessionToken: `token-${suffix}`,
    expiration: new Date(Date.now() + 3_600_000),
  };
}
