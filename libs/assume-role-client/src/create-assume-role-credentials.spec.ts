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
    expect(credentials.stats).toEqual({ assumeRoleCalls: 1, cacheHits: 999, lastFromCache: true });
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

  it('refreshes exactly once when the credentials come within 5 minutes of expiry', async () => {
    // Arrange
    stsMock
      .on(AssumeRoleCommand)
      .resolvesOnce(issued(1))
      .resolves(issued(2, T0 + 2 * HOUR));
    const credentials = provider();
    await credentials();

    // Act
    vi.setSystemTime(T0 + 55 * MINUTE - 1);
    const beforeMargin = await credentials();
    vi.setSystemTime(T0 + 55 * MINUTE + 1);
    const atMargin = await Promise.all(Array.from({ length: 20 }, () => credentials()));
    const afterRefresh = await credentials();

    // Assert
    expect(beforeMargin.accessKeyId).toBe('ASIAISSUED1');
    expect(atMargin.every((c) => c.accessKeyId === 'ASIAISSUED2')).toBe(true);
    expect(afterRefresh.accessKeyId).toBe('ASIAISSUED2');
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(credentials.stats.lastFromCache).toBe(true);
  });

  it.each([
    ['throttled', stsError('Throttling', 'client', 'Rate exceeded')],
    ['failing with a 5xx', stsError('InternalFailure', 'server', 'We encountered an internal error.')],
    ['timing out', Object.assign(new Error('socket timed out'), { name: 'TimeoutError' })],
    ['denying (trust changed; the session is still valid)', stsError('AccessDenied', 'client', 'not authorized')],
  ])('returns the still-valid cached credentials when STS is %s during the refresh window', async (_label, failure) => {
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
    const duringOutage = await credentials();
    const nextCall = await credentials();

    // Assert
    expect(duringOutage.accessKeyId).toBe('ASIAISSUED1');
    expect(nextCall.accessKeyId).toBe('ASIAISSUED2');
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(3);
  });

  it('fails the call when the refresh fails and the cached credentials have 30 s or less left', async () => {
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
    expect(stsMock.commandCalls(AssumeRoleCommand)).toHaveLength(3);
  });

  it('does not fall back to the cached credentials for a forced refresh() (the service rejected them)', async () => {
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
    now = T0 + 56 * MINUTE;
    const refreshed = await credentials();

    // Assert
    expect(refreshed.accessKeyId).toBe('ASIAISSUED2');
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

  it('refresh() fetches new credentials even when the cached ones are fresh; invalidate() drops them', async () => {
    // Arrange
    stsMock.on(AssumeRoleCommand).resolvesOnce(issued(1)).resolvesOnce(issued(2)).resolves(issued(3));
    const credentials = provider();
    await credentials();

    // Act
    const refreshed = await credentials.refresh();
    const cached = await credentials();
    credentials.invalidate();
    const afterInvalidate = await credentials();

    // Assert
    expect(refreshed.accessKeyId).toBe('ASIAISSUED2');
    expect(cached.accessKeyId).toBe('ASIAISSUED2');
    expect(afterInvalidate.accessKeyId).toBe('ASIAISSUED3');
    expect(credentials.stats.assumeRoleCalls).toBe(3);
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
