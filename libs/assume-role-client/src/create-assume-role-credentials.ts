import { fromEnv } from '@aws-sdk/credential-provider-env';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AssumeRoleUnavailableError } from './errors';
import { toAssumeRoleError } from './to-assume-role-error';

/** Refresh this long before expiry, the margin the AWS SDK itself uses. */
const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** A failed refresh falls back to the cached credentials only while they have more than this left. */
const MIN_FALLBACK_REMAINING_MS = 30 * 1000;

export interface AssumeRoleCredentialsOptions {
  /** The access role in the target account. */
  readonly roleArn: string;
  /** Must match the role trust's sts:ExternalId condition. */
  readonly externalId: string;
  /** RoleSessionName; see `sessionNameFor`. */
  readonly sessionName: string;
  /** Set so the target account's CloudTrail shows who came in; the trust requires it. */
  readonly sourceIdentity: string;
  /** 900-3600 (role chaining from a Lambda role caps at 3600). @default 3600 */
  readonly durationSeconds?: number;
  /** Region of the STS endpoint (the target region). */
  readonly region: string;
  /**
   * The STS client. @default a client for `region` signing with the execution role's credentials from the
   * environment (`fromEnv`), so the SDK's default chain (SSO, INI, process, IMDS) is never consulted.
   * The endpoint follows AWS_ENDPOINT_URL_STS when set.
   */
  readonly stsClient?: STSClient;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** @default 300000 (5 minutes) */
  readonly refreshMarginMs?: number;
}

export interface AssumeRoleStats {
  /** AssumeRole requests sent, including failed ones. */
  readonly assumeRoleCalls: number;
  /** Calls answered from the cache without contacting STS (the SDK may ask more than once per request). */
  readonly cacheHits: number;
  /** Whether the most recent call was answered from the cache. */
  readonly lastFromCache: boolean;
}

/**
 * A credential provider for the AWS SDK (`credentials:` of any client) with caching you can observe and force.
 * Marked `memoized` so the SDK calls it on every request instead of adding its own cache on top; that keeps
 * `stats` truthful and lets `refresh()` take effect on the very next request.
 */
export interface AssumeRoleCredentialProvider extends AwsCredentialIdentityProvider {
  readonly stats: AssumeRoleStats;
  /** Fetches new credentials now (joining a fetch already in flight) and caches them. */
  refresh(): Promise<AwsCredentialIdentity>;
  /** Drops the cached credentials; the next call fetches. */
  invalidate(): void;
  readonly memoized: true;
}

/**
 * Caching (until `refreshMarginMs` before expiry), single-flight AssumeRole credentials. Failures are not cached;
 * a failed refresh returns the cached credentials while they have more than 30 s left (`refresh()` never does).
 */
export function createAssumeRoleCredentials(options: AssumeRoleCredentialsOptions): AssumeRoleCredentialProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const sts =
    options.stsClient ??
    new STSClient({
      region: options.region,
      credentials: fromEnv(),
      // The Lambda's budget is seconds: fail fast instead of hanging on a black-holed endpoint.
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 },
    });
  const stats = { assumeRoleCalls: 0, cacheHits: 0, lastFromCache: false };
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;

  const isFresh = (c: AwsCredentialIdentity): boolean =>
    c.expiration !== undefined && c.expiration.getTime() - now() > margin;

  async function assumeRole(): Promise<AwsCredentialIdentity> {
    stats.assumeRoleCalls += 1;
    let response;
    try {
      response = await sts.send(
        new AssumeRoleCommand({
          RoleArn: options.roleArn,
          RoleSessionName: options.sessionName,
          ExternalId: options.externalId,
          SourceIdentity: options.sourceIdentity,
          DurationSeconds: options.durationSeconds ?? 3600,
        }),
      );
    } catch (error) {
      throw toAssumeRoleError(error, options.roleArn, options.region);
    }
    const c = response.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new AssumeRoleUnavailableError({
        roleArn: options.roleArn,
        reason: 'IncompleteResponse',
        detail: 'STS answered AssumeRole without complete credentials (key id, secret, session token, expiration).',
      });
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  }

  function fetchShared(): Promise<AwsCredentialIdentity> {
    inFlight ??= assumeRole()
      .then((credentials) => {
        cached = credentials;
        return credentials;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  const provider = async (): Promise<AwsCredentialIdentity> => {
    if (cached && isFresh(cached)) {
      stats.cacheHits += 1;
      stats.lastFromCache = true;
      return cached;
    }
    stats.lastFromCache = false;
    const previous = cached;
    try {
      return await fetchShared();
    } catch (error) {
      // Inside the refresh window the cached credentials are still valid in AWS: a failed refresh (throttled,
      // 5xx, timeout, even AccessDenied after a trust change) need not fail the request while they have time
      // left. Nothing is cached, so the next call tries STS again.
      const remaining = previous?.expiration ? previous.expiration.getTime() - now() : 0;
      if (!previous || remaining <= MIN_FALLBACK_REMAINING_MS) throw error;
      stats.cacheHits += 1;
      stats.lastFromCache = true;
      return previous;
    }
  };

  // defineProperties (not Object.assign) so `stats` stays a live getter. `memoized` stays writable: the SDK
  // assigns it again, which throws in strict-mode (ESM bundle) code if the property is read-only.
  return Object.defineProperties(provider, {
    memoized: { value: true, enumerable: true, writable: true },
    stats: { get: (): AssumeRoleStats => ({ ...stats }), enumerable: true },
    refresh: {
      value: (): Promise<AwsCredentialIdentity> => {
        cached = undefined;
        stats.lastFromCache = false;
        return fetchShared();
      },
    },
    invalidate: {
      value: (): void => {
        cached = undefined;
      },
    },
  }) as AssumeRoleCredentialProvider;
}
