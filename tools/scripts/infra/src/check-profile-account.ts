import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { InfraError } from './errors';
import { PREFLIGHT_TIMEOUT_MS, preflightClientConfig } from './preflight-client-config';
import { withTimeout } from './with-timeout';

export interface CheckProfileAccountInput {
  /** The AWS CLI profile the stage names for this side; undefined means the default credential chain. */
  readonly profile: string | undefined;
  /** The account the profile must resolve to (`source.accountId` or `target.accountId`). */
  readonly accountId: string;
  readonly region: string;
  /** For messages: `source` or `target` side of stage `<name>`, e.g. `target side of stage prod`. */
  readonly label: string;
  /** @default an STSClient for `profile` in `region` */
  readonly client?: STSClient;
  /** @default PREFLIGHT_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

// Errors that mean "these credentials cannot be used", as opposed to "STS could not be reached".
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'AccessDenied',
]);

function setupHint(profile: string | undefined, accountId: string): string {
  if (!profile) {
    return `name a profile in the stage file, or provide credentials for account ${accountId} in the environment; \`aws sts get-caller-identity\` must show that account`;
  }
  return `set it up with \`aws configure sso --profile ${profile}\` (or \`aws configure --profile ${profile}\` for access keys; \`aws sso login --profile ${profile}\` renews an expired SSO session), then \`aws sts get-caller-identity --profile ${profile}\` must show account ${accountId}`;
}

/**
 * Resolves the credentials of `profile` and asks STS whose they are. Refuses a profile that has no usable
 * credentials or resolves to another account than the stage says, before CDK runs. Shared with the operator tools.
 */
export async function checkProfileAccount(input: CheckProfileAccountInput): Promise<CallerIdentity> {
  const { profile, accountId, region, label } = input;
  const who = profile ? `profile "${profile}"` : 'the default credential chain (no profile)';
  const client = input.client ?? new STSClient(preflightClientConfig(region, profile));
  let identity: { Account?: string; Arn?: string };
  try {
    identity = await withTimeout(
      client.send(new GetCallerIdentityCommand({})),
      input.timeoutMs ?? PREFLIGHT_TIMEOUT_MS,
      `STS (checking ${who})`,
    );
  } catch (error) {
    if (error instanceof InfraError) {
      throw new InfraError(
        'PREFLIGHT_FAILED',
        `${label}: could not check ${who}: ${error.message}; is the network or proxy up?`,
        { cause: error },
      );
    }
    const e = error as { name?: string; message?: string };
    const reason = (e.message ?? String(error)).split('\n')[0];
    if (CREDENTIAL_ERRORS.has(e.name ?? '')) {
      throw new InfraError(
        'PROFILE_UNUSABLE',
        `${label}: ${who} has no usable credentials for account ${accountId} (${reason}): ${setupHint(profile, accountId)}`,
        { cause: error },
      );
    }
    throw new InfraError(
      'PREFLIGHT_FAILED',
      `${label}: could not check ${who} for account ${accountId} with STS (${e.name}: ${reason}); is the network or proxy up?`,
      {
        cause: error,
      },
    );
  } finally {
    if (!input.client) client.destroy();
  }
  const account = identity.Account ?? '';
  const arn = identity.Arn ?? '';
  if (account !== accountId) {
    throw new InfraError(
      'PROFILE_WRONG_ACCOUNT',
      `${label}: ${who} resolves to account ${account} (${arn}), but the stage says ${accountId}: point the profile at account ${accountId} or fix the account id in the stage file; nothing was deployed`,
    );
  }
  return { account, arn };
}
