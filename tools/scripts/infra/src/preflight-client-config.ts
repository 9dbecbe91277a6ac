import { fromIni } from '@aws-sdk/credential-provider-ini';

/** How long one preflight call (credentials + request) may take in all. */
export const PREFLIGHT_TIMEOUT_MS = 15_000;

/**
 * Client settings for a preflight call as `profile` (or the default credential chain when the stage names none):
 * short timeouts that really throw, and one retry.
 */
export function preflightClientConfig(region: string, profile: string | undefined) {
  return {
    region,
    maxAttempts: 2,
    // A named profile resolves from the shared config files only (SSO, assume-role, credential_process included),
    // like `cdk --profile`: environment keys or an instance role must not stand in for it.
    ...(profile ? { credentials: fromIni({ profile }) } : {}),
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  };
}
