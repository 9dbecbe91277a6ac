import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAssumeRoleCredentials, type AssumeRoleCredentialsOptions } from './create-assume-role-credentials';
import { rejectionOf } from './test-support/rejection-of';
import { AssumeRoleDeniedError, AssumeRoleUnavailableError } from './errors';

const ROLE_ARN = 'arn:aws:iam::222222222222:role/xacct-devices-access';
const T0 = new Date('2026-01-01T00:00:00Z').getTime();
const HOUR = 3_600_000;
const MINUTE = 60_000;

const sts = new STSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIASOURCE', secretAccessKey: 'source-secret' },
});
const stsMock = mockClient(sts);

function issued(n: number, expiresAt = T0 + HOUR) {
  return {
    Credentials: {
      AccessKeyId: `ASIAISSUED${n}`,
      SecretAccessKey: `issued-secret-${n}`,
      SessionToken: `issued-token-${n}`,
      Expiration: new Date(expiresAt),
    },
  };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function stsError(name: string, fault: 'client' | 'server', message: string): STSServiceException {
  return new STSServiceException({
    name,
    $fault: fault,
    $metadata: { httpStatusCode: fault === 'client' ? 403 : 500 },
    message,
  });
}

function provider(overrides: Partial<AssumeRoleCredentialsOptions> = {}) {
  return createAssumeRoleCredentials({
    roleArn: ROLE_ARN,
    externalId: 'xacct-local-external-id',
    sessionName: 'reader-fn',
    sourceIdentity: 'xacct-devices-reader',
    durationSeconds: 3600,
    region: 'us-east-1',
    stsClient: sts,
    ...overrides,
  });
}

describe('createAssumeRoleCredentials', () => {
  beforeEach(() => {
    stsMock.reset();
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends AssumeRole with the role, ExternalId, session name, SourceIdentity and duration', async () => {
    // Arrange
    stsMock.on(AssumeRoleCommand).resolves(issued(1));
    const credentials = provider({ durationSeconds: 1800 });

    // Act
    const identity = await credentials();

    // Assert
    expect(stsMock.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toEqual({
      RoleArn: ROLE_ARN,
      ExternalId: 'xacct-local-external-id',
      RoleSessionName: 'reader-fn',
      SourceIdentity: 'xacct-devices-reader',
      DurationSeconds: 1800,
    });
    expect(identity).toEqual({
      accessKeyId: 'ASIAISSUED1',
      secretAccessKey: 'issued-secret-1',
      sessionToken: 'issued-token-1',
      expiration: new Date(T0 + HOUR),
    });
  });

  it('answers 1,000 sequential calls with 1 AssumeRole', async () => {
    // Arrange
    stsMock.on(AssumeRoleCommand).resolves(issued(1));
    const credentials = provider();

    // Act
    for (let i = 0; i < 1000; i += 1) await credentials();

    // Assert
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(credentials.stats).toEqual({
      assumeRoleCalls: 1,
      cacheHits: 999,
      backgroundRefreshes: 0,
      forcedRefreshes: 0,
      lastFromCache: true,
    });
  });

  it('shares one in-flight AssumeRole among 50 concurrent first calls', async () => {
    // Arrange
    stsMock.on(AssumeRoleCommand).resolves(issued(1));
    const credentials = provider();

    // Act
    const results = await Promise.all(Array.from({ length: 50 }, () => credentials()));

    // Assert
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(new Set(results.map((r) => r.accessKeyId))).toEqual(new Set(['ASIAISSUED1']));
    expect(credentials.stats.lastFromCache).toBe(false);
  });

  describe('refresh ahead', () => {
    it('serves the cached credentials inside the 5-minute window and refreshes once in the background', async () => {
      // Arrange
      const slow = deferred<ReturnType<typeof issued>>();
      stsMock
        .on(AssumeRoleCommand)
        .resolvesOnce(issued(1))
        .callsFake(() => slow.promise);
      const credentials = provider();
      await credentials();
      vi.setSystemTime(T0 + 55 * MINUTE - 1);
      await credentials();
      expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(1);

      // Act: STS is slow; twenty callers inside the window do not wait for it.
      vi.setSystemTime(T0 + 55 * MINUTE + 1);
      const duringRefresh = await Promise.all(Array.from({ length: 20 }, () => credentials()));
      slow.resolve(issued(2, T0 + 2 * HOUR));
      await vi.advanceTimersByTimeAsync(0);
      const afterRefresh = await credentials();

      // Assert
      expect(duringRefresh.every((c) => c.accessKeyId === 'ASIAISSUED1')).toBe(true);
      expect(afterRefresh.accessKeyId).toBe('ASIAISSUED2');
      expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
      expect(credentials.stats).toMatchObject({ assumeRoleCalls: 2, backgroundRefreshes: 1 });
    });

    it.each([
      ['throttled', stsError('Throttling', 'client', 'Rate exceeded')],
      ['failing with a 5xx', stsError('InternalFailure', 'server', 'We encountered an internal error.')],
      ['timing out', Object.assign(new Error('socket timed out'), { name: 'TimeoutError' })],
      ['denying (trust changed; the session is still valid)', stsError('AccessDenied', 'client', 'not authorized')],
    ])(
      'keeps serving the cached credentials when STS is %s, retrying 10 s later, not per call',
      async (_l, failure) => {
        // Arrange
        stsMock
          .on(AssumeRoleCommand)
          .resolvesOnce(issued(1))
          .rejectsOnce(failure)
          .resolves(issued(2, T0 + 2 * HOUR));
        const credentials = provider();
        await credentials();
        vi.setSystemTime(T0 + 56 * MINUTE);

        // Act
        const duringOutage = [];
        for (let i = 0; i < 10; i += 1) {
          duringOutage.push(await credentials());
          await vi.advanceTimersByTimeAsync(0);
        }
        const callsDuringOutage = stsMock.commandCalls(AssumeRoleCommand).length;
        vi.setSystemTime(T0 + 56 * MINUTE + 10_001);
        await credentials();
        await vi.advanceTimersByTimeAsync(0);
        const afterRetry = await credentials();

        // Assert
        expect(duringOutage.every((c) => c.accessKeyId === 'ASIAISSUED1')).toBe(true);
        expect(callsDuringOutage).toBe(2);
        expect(afterRetry.accessKeyId).toBe('ASIAISSUED2');
        expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(3);
      },
    );

    it('blocks, and fails, once the cached credentials have 30 s or less left', async () => {
      // Arrange
      stsMock
        .on(AssumeRoleCommand)
        .resolvesOnce(issued(1))
        .rejects(stsError('Throttling', 'client', 'Rate exceeded'));
      const credentials = provider();
      await credentials();
      vi.setSystemTime(T0 + HOUR - 31_000);
      const withTimeLeft = await credentials();

      // Act
      vi.setSystemTime(T0 + HOUR - 30_000);
      const failure = await rejectionOf(credentials());

      // Assert
      expect(withTimeLeft.accessKeyId).toBe('ASIAISSUED1');
      expect(failure).toBeInstanceOf(AssumeRoleUnavailableError);
    });

    it('honours an injected clock', async () => {
      // Arrange
      let now = T0;
      stsMock
        .on(AssumeRoleCommand)
        .resolvesOnce(issued(1))
        .resolves(issued(2, T0 + 2 * HOUR));
      const credentials = provider({ now: () => now });
      await credentials();

      // Act
      now = T0 + HOUR - 1_000;
      const refreshed = await credentials();

      // Assert
      expect(refreshed.accessKeyId).toBe('ASIAISSUED2');
    });

    it('prefetch() starts one fetch at cold start that the first caller joins; it never rejects', async () => {
      // Arrange
      stsMock
        .on(AssumeRoleCommand)
        .rejectsOnce(stsError('InternalFailure', 'server', 'oops'))
        .resolves(issued(1));
      const failing = provider();
      const credentials = provider();

      // Act
      failing.prefetch();
      await vi.advanceTimersByTimeAsync(0);
      credentials.prefetch();
      credentials.prefetch();
      const first = credentials.track(() => credentials());
      const identity = await first.result;

      // Assert
      expect(identity.accessKeyId).toBe('ASIAISSUED1');
      expect(first.usage).toMatchObject({ assumeRoleCalls: 0, joinedFetch: true });
      expect(credentials.stats.assumeRoleCalls).toBe(1);
    });
  });

  describe('bounded AssumeRole', () => {
    it('fails a fetch STS never answers after fetchTimeoutMs (8 s) with TimeoutError', async () => {
      // Arrange
      stsMock.on(AssumeRoleCommand).callsFake(() => new Promise(() => undefined));
      const credentials = provider();

      // Act
      const failure = rejectionOf(credentials());
      await vi.advanceTimersByTimeAsync(8_000);

      // Assert
      const error = await failure;
      expect(error).toBeInstanceOf(AssumeRoleUnavailableError);
      expect((error as AssumeRoleUnavailableError).reason).toBe('TimeoutError');
    });

    it('does not leave a later caller joined to a hung fetch the first caller gave up on (the review repro)', async () => {
      // Arrange: STS hangs for the first request, then answers again.
      stsMock
        .on(AssumeRoleCommand)
        .callsFakeOnce(() => new Promise(() => undefined))
        .resolves(issued(1));
      const credentials = provider({ fetchTimeoutMs: 60_000 });
      const deadline1 = new AbortController();
      const request1 = credentials.track(() => credentials(), deadline1.signal);
      const request1Failure = rejectionOf(request1.result);

      // Act: request 1 gives up at its deadline; request 2 comes eight seconds later.
      await vi.advanceTimersByTimeAsync(1_000);
      deadline1.abort();
      const error1 = await request1Failure;
      await vi.advanceTimersByTimeAsync(8_000);
      const request2 = credentials.track(() => credentials(), AbortSignal.timeout(9_500));
      const identity = await request2.result;

      // Assert
      expect(error1.name).toBe('AbortError');
      expect(identity.accessKeyId).toBe('ASIAISSUED1');
      expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
      expect(request1.usage.assumeRoleCalls).toBe(1);
      expect(request2.usage).toMatchObject({ assumeRoleCalls: 1, joinedFetch: false });
    });

    it('keeps a fetch running while another caller still waits for it', async () => {
      // Arrange
      const slow = deferred<ReturnType<typeof issued>>();
      stsMock.on(AssumeRoleCommand).callsFake(() => slow.promise);
      const credentials = provider();
      const impatient = new AbortController();
      const first = credentials.track(() => credentials(), impatient.signal);
      const firstFailure = rejectionOf(first.result);
      const second = credentials.track(() => credentials(), new AbortController().signal);

      // Act
      impatient.abort();
      await firstFailure;
      slow.resolve(issued(1));

      // Assert
      expect((await second.result).accessKeyId).toBe('ASIAISSUED1');
      expect(second.usage).toMatchObject({ assumeRoleCalls: 0, joinedFetch: true });
      expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    });

    it('rejects at once a caller whose signal already fired', async () => {
      // Arrange
      stsMock.on(AssumeRoleCommand).callsFake(() => new Promise(() => undefined));
      const credentials = provider();

      // Act
      const error = await rejectionOf(credentials.track(() => credentials(), AbortSignal.abort()).result);

      // Assert
      expect(error.name).toBe('AbortError');
    });
  });

  describe('forced refresh', () => {
    it('fetches new credentials even when the cached ones are fresh, at most once per 30 s', async () => {
      // Arrange
      stsMock.on(AssumeRoleCommand).resolvesOnce(issued(1)).resolvesOnce(issued(2)).resolves(issued(3));
      const credentials = provider();
      await credentials();

      // Act
      const refreshed = await credentials.refresh();
      vi.setSystemTime(T0 + 29_999);
      const tooSoon = await credentials.refresh();
      const cached = await credentials();
      vi.setSystemTime(T0 + 30_000);
      const again = await credentials.refresh();

      // Assert
      expect(refreshed?.accessKeyId).toBe('ASIAISSUED2');
      expect(tooSoon).toBeUndefined();
      expect(cached.accessKeyId).toBe('ASIAISSUED2');
      expect(again?.accessKeyId).toBe('ASIAISSUED3');
      expect(credentials.stats).toMatchObject({ assumeRoleCalls: 3, forcedRefreshes: 2 });
    });

    it('honours forcedRefreshIntervalMs', async () => {
      // Arrange
      stsMock.on(AssumeRoleCommand).resolves(issued(1));
      const credentials = provider({ forcedRefreshIntervalMs: 60_000 });
      await credentials.refresh();

      // Act
      vi.setSystemTime(T0 + 59_999);
      const tooSoon = await credentials.refresh();

      // Assert
      expect(tooSoon).toBeUndefined();
    });

    it('does not fall back to the cached credentials (the service rejected them)', async () => {
      // Arrange
      stsMock
        .on(AssumeRoleCommand)
        .resolvesOnce(issued(1))
        .rejects(stsError('Throttling', 'client', 'Rate exceeded'));
      const credentials = provider();
      await credentials();

      // Act
      const refreshFailure = await rejectionOf(credentials.refresh());
      const nextFailure = await rejectionOf(credentials());

      // Assert
      expect(refreshFailure).toBeInstanceOf(AssumeRoleUnavailableError);
      expect(nextFailure).toBeInstanceOf(AssumeRoleUnavailableError);
    });
  });

  it('counts per tracked request, whatever runs concurrently', async () => {
    // Arrange
    stsMock.on(AssumeRoleCommand).resolves(issued(1));
    const credentials = provider();

    // Act
    const tracked = Array.from({ length: 3 }, () => credentials.track(() => credentials()));
    await Promise.all(tracked.map((t) => t.result));
    const warm = credentials.track(async () => {
      await credentials();
      return credentials();
    });
    await warm.result;

    // Assert
    expect(tracked.map((t) => t.usage.assumeRoleCalls)).toEqual([1, 0, 0]);
    expect(tracked.map((t) => t.usage.joinedFetch)).toEqual([false, true, true]);
    expect(warm.usage).toEqual({ assumeRoleCalls: 0, joinedFetch: false, cacheHits: 2, backgroundRefreshes: 0 });
  });
  it('does not cache a failure: the next call fetches again and succeeds', async () => {
    // Arrange
    stsMock
      .on(AssumeRoleCommand)
      .rejectsOnce(stsError('InternalFailure', 'server', 'We encountered an internal error.'))
      .resolves(issued(1));
    const credentials = provider();

    // Act
    const failures = await Promise.allSettled(Array.from({ length: 5 }, () => credentials()));
    const success = await credentials();

    // Assert
    expect(failures.every((f) => f.status === 'rejected' && f.reason instanceof AssumeRoleUnavailableError)).toBe(true);
    expect(success.accessKeyId).toBe('ASIAISSUED1');
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('turns AccessDenied into AssumeRoleDeniedError with the role ARN, a hint and the cause', async () => {
    // Arrange
    const denial = stsError(
      'AccessDenied',
      'client',
      'User: arn:aws:sts::111111111111:assumed-role/xacct-devices-reader/fn is not authorized to perform: sts:AssumeRole',
    );
    stsMock.on(AssumeRoleCommand).rejects(denial);
    const credentials = provider();

    // Act
    const error = await rejectionOf(credentials());

    // Assert
    expect(error).toBeInstanceOf(AssumeRoleDeniedError);
    const denied = error as AssumeRoleDeniedError;
    expect(denied.code).toBe('ASSUME_ROLE_DENIED');
    expect(denied.reason).toBe('AccessDenied');
    expect(denied.roleArn).toBe(ROLE_ARN);
    expect(denied.hint).toMatch(/target-infra is deployed/);
    expect(denied.hint).toMatch(/trust policy names this caller/);
    expect(denied.hint).toMatch(/EXTERNAL_ID matches/);
    expect(denied.cause).toBe(denial);
    expect(denied.message).toContain(ROLE_ARN);
  });

  it.each([
    ['InvalidClientTokenId', /execution role's/],
    ['ExpiredToken', /execution role's/],
    ['ValidationError', /SESSION_DURATION_SECONDS/],
    ['RegionDisabledException', /not activated in us-east-1/],
  ])('turns %s from STS into AssumeRoleDeniedError with a matching hint', async (name, hint) => {
    // Arrange
    stsMock.on(AssumeRoleCommand).rejects(stsError(name, 'client', 'refused'));

    // Act
    const error = await rejectionOf(provider()());

    // Assert
    expect(error).toBeInstanceOf(AssumeRoleDeniedError);
    expect((error as AssumeRoleDeniedError).hint).toMatch(hint);
  });

  it.each([
    ['throttling', stsError('Throttling', 'client', 'Rate exceeded'), 'Throttling'],
    ['a server fault', stsError('InternalFailure', 'server', 'oops'), 'InternalFailure'],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      'ECONNREFUSED',
    ],
  ])('turns %s into AssumeRoleUnavailableError', async (_label, failure, reason) => {
    // Arrange
    stsMock.on(AssumeRoleCommand).rejects(failure);

    // Act
    const error = await rejectionOf(provider()());

    // Assert
    expect(error).toBeInstanceOf(AssumeRoleUnavailableError);
    expect((error as AssumeRoleUnavailableError).reason).toBe(reason);
    expect((error as AssumeRoleUnavailableError).cause).toBe(failure);
  });

  it('rejects a response without complete credentials as unavailable', async () => {
    // Arrange
    stsMock.on(AssumeRoleCommand).resolves({ Credentials: undefined });

    // Act
    const error = await rejectionOf(provider()());

    // Assert
    expect(error).toBeInstanceOf(AssumeRoleUnavailableError);
    expect((error as AssumeRoleUnavailableError).reason).toBe('IncompleteResponse');
  });

  it('invalidate() drops the cached credentials: the next call fetches', async () => {
    // Arrange
    stsMock.on(AssumeRoleCommand).resolvesOnce(issued(1)).resolves(issued(2));
    const credentials = provider();
    await credentials();

    // Act
    credentials.invalidate();
    const afterInvalidate = await credentials();

    // Assert
    expect(afterInvalidate.accessKeyId).toBe('ASIAISSUED2');
    expect(credentials.stats.assumeRoleCalls).toBe(2);
  });

  it('lets the SDK mark it memoized again (strict-mode ESM code assigns the flag)', () => {
    // Arrange
    const credentials = provider();

    // Act
    const assign = () => {
      (credentials as { memoized: boolean }).memoized = true;
    };

    // Assert
    expect(assign).not.toThrow();
    expect(credentials.memoized).toBe(true);
  });

  it('keeps secrets out of errors (message, stack, JSON, inspected cause chain)', async () => {
    // Arrange
    stsMock
      .on(AssumeRoleCommand)
      .resolvesOnce(issued(1))
      .rejects(stsError('AccessDenied', 'client', 'not authorized to perform: sts:AssumeRole'));
    const credentials = provider();
    await credentials();

    // Act
    const error = await rejectionOf(credentials.refresh());

    // Assert
    const rendered = [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: Infinity })].join(
      '\n',
    );
    for (const secret of ['issued-secret-1', 'issued-token-1', 'source-secret', 'xacct-local-external-id']) {
      expect(rendered).not.toContain(secret);
    }
  });
});
