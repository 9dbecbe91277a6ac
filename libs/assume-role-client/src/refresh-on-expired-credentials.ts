import type { MetadataBearer, Pluggable } from '@aws-sdk/types';
import type { AssumeRoleCredentialProvider } from './create-assume-role-credentials';
import { isExpiredCredentialsError } from './is-expired-credentials-error';

/**
 * SDK plugin: when the service rejects the cached credentials (expired early, revoked), force one refresh and
 * retry the command once. A second rejection, a failed refresh, or a refresh refused by the provider's rate limit
 * (one per 30 s) reaches the caller.
 */
export function refreshOnExpiredCredentials(
  credentials: AssumeRoleCredentialProvider,
): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(
        (next) => async (args) => {
          try {
            return await next(args);
          } catch (error) {
            if (!isExpiredCredentialsError(error)) throw error;
            // Undefined: a forced refresh happened moments ago and these credentials are already the new ones.
            if ((await credentials.refresh()) === undefined) throw error;
            return next(args);
          }
        },
        // Last in `initialize`, so the retry re-runs identity resolution and signing with the new credentials.
        { step: 'initialize', priority: 'low', name: 'refreshOnExpiredCredentials', override: true },
      );
    },
  };
}
