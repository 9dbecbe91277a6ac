import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkProfileAccount, type CheckProfileAccountInput } from './check-profile-account';

const sts = mockClient(STSClient);
const client = new STSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
const input = (over: Partial<CheckProfileAccountInput> = {}): CheckProfileAccountInput => ({
  profile: 'target-admin',
  accountId: '210987654321',
  region: 'eu-west-1',
  label: 'target-infra (target side of stage prod)',
  client,
  timeoutMs: 200,
  ...over,
});
const stsError = (name: string, message: string, status = 403): STSServiceException =>
  new STSServiceException({
    name,
    message,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

describe('checkProfileAccount', () => {
  beforeEach(() => sts.reset());

  it('returns the identity when the profile resolves to the stage account, with one STS call', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '210987654321', Arn: 'arn:aws:sts::210987654321:assumed-role/Admin/me' });
    await expect(checkProfileAccount(input())).resolves.toEqual({
      account: '210987654321',
      arn: 'arn:aws:sts::210987654321:assumed-role/Admin/me',
    });
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
  });

  it('refuses a profile that resolves to another account, naming the profile and both accounts', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999', Arn: 'arn:aws:iam::999999999999:user/bob' });
    await expect(checkProfileAccount(input())).rejects.toMatchObject({
      code: 'PROFILE_WRONG_ACCOUNT',
      message:
        'target-infra (target side of stage prod): profile "target-admin" resolves to account 999999999999 (arn:aws:iam::999999999999:user/bob), but the stage says 210987654321: point the profile at account 210987654321 or fix the account id in the stage file; nothing was deployed',
    });
  });

  it.each([
    ['expired session token', stsError('ExpiredToken', 'The security token included in the request is expired')],
    ['unknown access key', stsError('InvalidClientTokenId', 'The security token included in the request is invalid.')],
  ])('names the profile, the account and the setup command on an %s', async (_label, error) => {
    sts.on(GetCallerIdentityCommand).rejects(error);
    const failure = checkProfileAccount(input());
    await expect(failure).rejects.toMatchObject({ code: 'PROFILE_UNUSABLE' });
    const { message } = (await failure.catch((e: unknown) => e)) as Error;
    expect(message).toContain('profile "target-admin" has no usable credentials for account 210987654321');
    expect(message).toContain('`aws configure sso --profile target-admin`');
    expect(message).toContain('`aws sso login --profile target-admin`');
  });

  it('says STS could not be reached on throttling or 5xx, and the next check recovers', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejectsOnce(stsError('Throttling', 'Rate exceeded', 400))
      .rejectsOnce(stsError('ServiceUnavailable', 'Service is unavailable', 503))
      .resolves({ Account: '210987654321', Arn: 'arn:aws:iam::210987654321:user/a' });
    await expect(checkProfileAccount(input())).rejects.toMatchObject({
      code: 'PREFLIGHT_FAILED',
      message: expect.stringContaining('could not check profile "target-admin" for account 210987654321 with STS (Throttling'),
    });
    await expect(checkProfileAccount(input())).rejects.toMatchObject({
      code: 'PREFLIGHT_FAILED',
      message: expect.stringContaining('could not check profile "target-admin" for account 210987654321 with STS (ServiceUnavailable'),
    });
    await expect(checkProfileAccount(input())).resolves.toMatchObject({ account: '210987654321' });
  });

  it('ends a hung STS call at its deadline', async () => {
    sts.on(GetCallerIdentityCommand).callsFake(() => new Promise(() => undefined));
    const started = Date.now();
    await expect(checkProfileAccount(input({ timeoutMs: 100 }))).rejects.toMatchObject({
      code: 'PREFLIGHT_FAILED',
      message: expect.stringContaining('did not answer within 0.1 s'),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  describe('with the real credential chain and no config files', () => {
    beforeEach(() => {
      sts.restore();
      vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
      vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws-credentials');
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    });
    afterEach(() => {
      vi.unstubAllEnvs();
      sts.restore();
    });

    it('refuses a missing profile without a network call, even with keys in the environment', async () => {
      const failure = checkProfileAccount(input({ client: undefined, timeoutMs: 10_000 }));
      await expect(failure).rejects.toMatchObject({
        code: 'PROFILE_UNUSABLE',
        message: expect.stringMatching(
          /profile "target-admin" has no usable credentials for account 210987654321 \(.*target-admin.*\)/,
        ),
      });
      const { message } = (await failure.catch((e: unknown) => e)) as Error;
      expect(message).not.toContain('env-secret');
    });
  });
});
