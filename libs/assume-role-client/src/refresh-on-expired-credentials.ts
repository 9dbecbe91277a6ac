import type { MetadataBearer, Pluggable } from '@aws-sdk/types';
import type { AssumeRoleCredentialProvider } from './create-assume-role-credentials';
import { isExpiredCredentialsError } from './is-expired-credentials-error';

/**
 * SDK plugin: when the service rejects the cached credentials (expired early, revoked), force one refresh and
 * retry the command once. A second rejection, or a failed refresh, reaches the caller.
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
            await credentials.refresh();
            return next(args);
          }
        },
        // Last in `initialize`, so the retry re-runs identity resolution and signing with the new credentials.
        { step: 'initialize', priority: 'low', name: 'refreshOnExpiredCredentials', override: true },
      );
    },
  };
}
