import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/**
 * Bundle-time stand-in for `@aws-sdk/credential-provider-node` (see the `alias` in project.json). Both of the
 * reader's clients receive credentials explicitly (STS: fromEnv; DynamoDB: the AssumeRole provider), so the SDK's
 * default chain is never consulted; replacing it keeps SSO, INI, process, IMDS and their nested clients
 * (about 119 KB) out of the bundle. If a client ever lacks explicit credentials, this fails loudly.
 */
export function defaultProvider(): AwsCredentialIdentityProvider {
  return async () => {
    throw new Error(
      'The reader bundle has no default AWS credential chain: pass `credentials` explicitly to every AWS client.',
    );
  };
}
