import { AsyncLocalStorage } from 'node:async_hooks';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, MetadataBearer, Pluggable } from '@aws-sdk/types';
import { AssumeRoleUnavailableError } from './errors';
import { toAssumeRoleError } from './to-assume-role-error';

/** Refresh in the background from this long before expiry, the margin the AWS SDK itself uses. */
const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** Cached credentials with less than this left are no longer served: callers wait for new ones. */
const MIN_VALID_MS = 30 * 1000;
/**
 * One AssumeRole fetch (every SDK attempt included) ends after this, so a hung STS can never hold a warm
 * environment: below the reader's 9.5 s request deadline (10 s function timeout minus 0.5 s).
 */
const DEFAULT_FETCH_TIMEOUT_MS = 8_000;
/** The default STS client: 2 attempts of at most 3.5 s each (plus backoff) fit the fetch timeout above. */
const STS_MAX_ATTEMPTS = 2;
const STS_ATTEMPT_TIMEOUT_MS = 3_500;
/** A failed background refresh is tried again after this, not on every request. */
const DEFAULT_BACKGROUND_RETRY_MS = 10_000;
/** At most one forced refresh (the service rejected the credentials) per this interval. */
const DEFAULT_FORCED_REFRESH_INTERVAL_MS = 30_000;

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
   * environment (`fromEnv`), so the SDK's default chain (SSO, INI, process, IMDS) is never consulted; 2 attempts,
   * each failing after 3.5 s without an answer (`throwOnRequestTimeout`). The endpoint follows AWS_ENDPOINT_URL_STS.
   */
  readonly stsClient?: STSClient;
  /** Middleware added to the STS client (tracing, say). */
  readonly stsPlugins?: readonly Pluggable<object, MetadataBearer>[];
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** Start a background refresh this long before expiry. @default 300000 (5 minutes) */
  readonly refreshMarginMs?: number;
  /** Bound of one AssumeRole fetch, all attempts included. @default 8000 */
  readonly fetchTimeoutMs?: number;
  /** Wait after a failed background refresh before the next one. @default 10000 */
  readonly backgroundRetryMs?: number;
  /** Minimum time between two forced refreshes (`refresh()`). @default 30000 */
  readonly forcedRefreshIntervalMs?: number;
}

export interface AssumeRoleStats {
  /** AssumeRole requests started, including failed, background and forced ones. */
  readonly assumeRoleCalls: number;
  /** Calls answered from the cache without waiting for STS (the SDK may ask more than once per request). */
  readonly cacheHits: number;
  /** Refreshes started in the background while the cached credentials were still valid. */
  readonly backgroundRefreshes: number;
  /** Refreshes forced because a service rejected the credentials. */
  readonly forcedRefreshes: number;
  /** Whether the most recent call was answered from the cache. */
  readonly lastFromCache: boolean;
}

/** What one tracked piece of work (one request) cost in credentials. */
export interface CredentialUsage {
  /** AssumeRole calls this work started and waited for (a cold or expired cache, a forced refresh). */
  assumeRoleCalls: number;
  /** Whether it waited for an AssumeRole another caller had started. */
  joinedFetch: boolean;
  /** Credential asks answered from the cache. */
  cacheHits: number;
  /** Background refreshes it started (it did not wait for them). */
  backgroundRefreshes: number;
}

export interface TrackedWork<T> {
  /** Filled in while `result` runs; read it once `result` has settled. */
  readonly usage: CredentialUsage;
  readonly result: Promise<T>;
}

/**
 * A credential provider for the AWS SDK (`credentials:` of any client) with caching you can observe and force.
 * Marked `memoized` so the SDK calls it on every request instead of adding its own cache on top; that keeps
 * `stats` truthful and lets `refresh()` take effect on the very next request.
 */
export interface AssumeRoleCredentialProvider extends AwsCredentialIdentityProvider {
  readonly stats: AssumeRoleStats;
  /**
   * Forces new credentials (a service rejected the cached ones), at most once per `forcedRefreshIntervalMs`:
   * resolves undefined when a forced refresh happened less than that ago, so a persistent rejection costs one
   * AssumeRole per interval, not one per request.
   */
  refresh(): Promise<AwsCredentialIdentity | undefined>;
  /** Drops the cached credentials; the next call fetches. */
  invalidate(): void;
  /** Starts a fetch in the background when none is cached or in flight (cold start); never rejects. */
  prefetch(): void;
  /**
   * Runs `work` (one request) so that the credential calls it makes are counted in `usage` and, when `signal`
   * fires, stop waiting for STS. A fetch that every waiter gave up on is aborted, so the next caller starts a new
   * AssumeRole instead of joining an abandoned one.
   */
  track<T>(work: () => Promise<T>, signal?: AbortSignal): TrackedWork<T>;
  readonly memoized: true;
}

interface Fetch {
  readonly promise: Promise<AwsCredentialIdentity>;
  readonly controller: AbortController;
  /** Callers waiting for it; when the last one gives up, a blocking fetch is aborted. */
  waiters: number;
  /** Someone waits for it (no valid credentials); a background fetch becomes blocking when joined. */
  blocking: boolean;
}

interface TrackContext {
  readonly usage: CredentialUsage;
  readonly signal: AbortSignal | undefined;
}

/** Why a fetch was aborted. */
class FetchAborted extends Error {
  constructor(readonly reason: 'TimeoutError' | 'Abandoned') {
    super(reason);
  }
}

/**
 * Cached, single-flight AssumeRole credentials that survive a failing STS: every fetch is bounded, valid cached
 * credentials are served while a refresh runs in the background, callers block only when none are valid, and
 * forced refreshes are rate-limited.
 */
export function createAssumeRoleCredentials(options: AssumeRoleCredentialsOptions): AssumeRoleCredentialProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const backgroundRetryMs = options.backgroundRetryMs ?? DEFAULT_BACKGROUND_RETRY_MS;
  const forcedIntervalMs = options.forcedRefreshIntervalMs ?? DEFAULT_FORCED_REFRESH_INTERVAL_MS;
  const sts =
    options.stsClient ??
    new STSClient({
      region: options.region,
      credentials: fromEnv(),
      maxAttempts: STS_MAX_ATTEMPTS,
      // requestTimeout alone only logs a warning; throwOnRequestTimeout makes a silent STS fail the attempt.
      requestHandler: { connectionTimeout: 1_000, requestTimeout: STS_ATTEMPT_TIMEOUT_MS, throwOnRequestTimeout: true },
    });
  for (const plugin of options.stsPlugins ?? []) sts.middlewareStack.use(plugin);
  const tracking = new AsyncLocalStorage<TrackContext>();
  const stats = { assumeRoleCalls: 0, cacheHits: 0, backgroundRefreshes: 0, forcedRefreshes: 0, lastFromCache: false };
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Fetch | undefined;
  let nextBackgroundAt = 0;
  let lastForcedAt = Number.NEGATIVE_INFINITY;

  const remainingMs = (c: AwsCredentialIdentity): number => (c.expiration ? c.expiration.getTime() - now() : 0);

  async function assumeRole(signal: AbortSignal): Promise<AwsCredentialIdentity> {
    let response;
    try {
      const command = new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: options.sessionName,
        ExternalId: options.externalId,
        SourceIdentity: options.sourceIdentity,
        DurationSeconds: options.durationSeconds ?? 3600,
      });
      // Raced against the signal as well: whatever the client does with it, the fetch ends when it fires.
      response = await raceAbort(sts.send(command, { abortSignal: signal }), signal);
    } catch (error) {
      const reason = signal.reason instanceof FetchAborted ? signal.reason.reason : undefined;
      if (reason) {
        throw new AssumeRoleUnavailableError({
          roleArn: options.roleArn,
          reason,
          detail:
            reason === 'TimeoutError'
              ? `STS did not answer AssumeRole within ${fetchTimeoutMs} ms.`
              : 'Every caller stopped waiting for this AssumeRole.',
          cause: error,
        });
      }
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

  function startFetch(blocking: boolean): Fetch {
    stats.assumeRoleCalls += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new FetchAborted('TimeoutError')), fetchTimeoutMs);
    timer.unref(); // a background fetch must not keep a process (a CLI, a test) alive
    const fetch: Fetch = {
      controller,
      waiters: 0,
      blocking,
      promise: assumeRole(controller.signal)
        .then((credentials) => {
          cached = credentials;
          return credentials;
        })
        .finally(() => {
          clearTimeout(timer);
          if (inFlight === fetch) inFlight = undefined;
        }),
    };
    // Nobody may be waiting (background, abandoned): keep an unobserved failure from crashing the process.
    fetch.promise.catch(() => undefined);
    inFlight = fetch;
    return fetch;
  }

  /** The fetch in flight (now blocking), or a new one counted against the caller's usage. */
  function blockingFetch(context: TrackContext | undefined): Fetch {
    if (inFlight) {
      inFlight.blocking = true;
      if (context) context.usage.joinedFetch = true;
      return inFlight;
    }
    if (context) context.usage.assumeRoleCalls += 1;
    return startFetch(true);
  }

  /** Waits for `fetch` until the caller's signal fires; the last waiter to give up aborts a blocking fetch. */
  function waitFor(fetch: Fetch, signal: AbortSignal | undefined): Promise<AwsCredentialIdentity> {
    fetch.waiters += 1;
    if (!signal) return fetch.promise;
    return new Promise((resolve, reject) => {
      const giveUp = (): void => {
        fetch.waiters -= 1;
        if (fetch.waiters === 0 && fetch.blocking) {
          if (inFlight === fetch) inFlight = undefined;
          fetch.controller.abort(new FetchAborted('Abandoned'));
        }
        reject(abortError(signal));
      };
      if (signal.aborted) {
        giveUp();
        return;
      }
      signal.addEventListener('abort', giveUp, { once: true });
      fetch.promise.then(
        (value) => {
          signal.removeEventListener('abort', giveUp);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', giveUp);
          reject(error);
        },
      );
    });
  }

  function refreshInBackground(context: TrackContext | undefined): void {
    if (inFlight || now() < nextBackgroundAt) return;
    stats.backgroundRefreshes += 1;
    if (context) context.usage.backgroundRefreshes += 1;
    startFetch(false).promise.catch(() => {
      nextBackgroundAt = now() + backgroundRetryMs;
    });
  }

  const provider = async (): Promise<AwsCredentialIdentity> => {
    const context = tracking.getStore();
    if (cached && remainingMs(cached) > MIN_VALID_MS) {
      if (remainingMs(cached) <= margin) refreshInBackground(context);
      stats.cacheHits += 1;
      stats.lastFromCache = true;
      if (context) context.usage.cacheHits += 1;
      return cached;
    }
    stats.lastFromCache = false;
    return waitFor(blockingFetch(context), context?.signal);
  };

  const refresh = (): Promise<AwsCredentialIdentity | undefined> => {
    if (now() - lastForcedAt < forcedIntervalMs) return Promise.resolve(undefined);
    lastForcedAt = now();
    stats.forcedRefreshes += 1;
    stats.lastFromCache = false;
    cached = undefined;
    const context = tracking.getStore();
    return waitFor(blockingFetch(context), context?.signal);
  };

  const track = <T>(work: () => Promise<T>, signal?: AbortSignal): TrackedWork<T> => {
    const usage: CredentialUsage = { assumeRoleCalls: 0, joinedFetch: false, cacheHits: 0, backgroundRefreshes: 0 };
    return { usage, result: tracking.run({ usage, signal }, work) };
  };

  // defineProperties (not Object.assign) so `stats` stays a live getter. `memoized` stays writable: the SDK
  // assigns it again, which throws in strict-mode (ESM bundle) code if the property is read-only.
  return Object.defineProperties(provider, {
    memoized: { value: true, enumerable: true, writable: true },
    stats: { get: (): AssumeRoleStats => ({ ...stats }), enumerable: true },
    refresh: { value: refresh },
    invalidate: {
      value: (): void => {
        cached = undefined;
      },
    },
    prefetch: {
      value: (): void => {
        if (!cached && !inFlight) startFetch(false);
      },
    },
    track: { value: track },
  }) as AssumeRoleCredentialProvider;
}

/** Settles like `work`, or rejects with the signal's reason as soon as it fires. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    // Promise.resolve: a stubbed client (aws-sdk-client-mock's callsFake) may return a plain value.
    Promise.resolve(work)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** An `AbortError` (the name the SDK and fetch use), keeping the signal's reason as the cause. */
function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The caller stopped waiting for credentials', { cause: signal.reason }), {
    name: 'AbortError',
  });
}
