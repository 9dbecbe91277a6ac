import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as simulator from '@cloud-copilot/iam-simulate';
import type { CallerIdentity } from './caller-identity';
import { isAllowed, type IsAllowedInput } from './is-allowed';
import type { PolicyDocument } from './policy-document';

vi.mock('@cloud-copilot/iam-simulate', async (importOriginal) => {
  const actual = await importOriginal<typeof simulator>();
  return { ...actual, runSimulation: vi.fn(actual.runSimulation) };
});

const TABLE = 'arn:aws:dynamodb:us-east-1:222222222222:table/devices';

const identity: CallerIdentity = {
  type: 'assumed-role',
  accountId: '222222222222',
  arn: 'arn:aws:sts::222222222222:assumed-role/access/reader',
  principalArn: 'arn:aws:iam::222222222222:role/access',
  userId: 'AROAEXAMPLE:reader',
  accessKeyId: 'ASIAEXAMPLE',
  roleName: 'access',
  sessionName: 'reader',
};

function request(document: PolicyDocument, action = 'dynamodb:Scan'): IsAllowedInput {
  return {
    principal: { kind: 'identity', identity, policies: [{ name: 'read', document }] },
    action,
    resource: TABLE,
    resourceAccount: '222222222222',
  };
}

const allowScan = (extra: Record<string, unknown> = {}): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'dynamodb:Scan', Resource: TABLE, ...extra }],
});

describe('isAllowed', () => {
  // A block, not an arrow's value: a function returned from beforeEach would be run as its teardown.
  beforeEach(() => {
    vi.mocked(simulator.runSimulation).mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('evaluates a request once and answers the same request from what it decided', async () => {
    // Arrange
    const input = request(allowScan({ Sid: 'once' }));

    // Act
    const decisions = [await isAllowed(input), await isAllowed(input), await isAllowed({ ...input })];

    // Assert
    expect(decisions).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(simulator.runSimulation).toHaveBeenCalledTimes(1);
  });

  it('decides again when anything that decides changes: the policy, the action, the context', async () => {
    // Arrange
    const before = request(allowScan({ Sid: 'change' }));
    await isAllowed(before);

    // Act
    const denied = await isAllowed(request(allowScan({ Sid: 'change', Effect: 'Deny' })));
    const otherAction = await isAllowed(request(allowScan({ Sid: 'change' }), 'dynamodb:Query'));
    const conditioned = request(
      allowScan({ Sid: 'change', Condition: { StringEquals: { 'aws:SourceIdentity': 'reader' } } }),
    );
    const withoutKey = await isAllowed(conditioned);
    const withKey = await isAllowed({ ...conditioned, context: { 'aws:SourceIdentity': 'reader' } });

    // Assert
    expect(denied).toMatchObject({ allowed: false, reason: 'explicit-deny-identity' });
    expect(otherAction).toMatchObject({ allowed: false, reason: 'no-identity-policy' });
    expect(withoutKey).toMatchObject({ allowed: false });
    expect(withKey).toEqual({ allowed: true });
    expect(simulator.runSimulation).toHaveBeenCalledTimes(5);
  });

  it('evaluates every time when a policy reads the time, so a grant that expires stops allowing', async () => {
    // Arrange: allowed until 2026-06-01 (the key's case does not matter to IAM)
    const input = request(allowScan({ Condition: { DateLessThan: { 'AWS:currenttime': '2026-06-01T00:00:00Z' } } }));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-31T23:59:00Z'));

    // Act
    const before = await isAllowed(input);
    vi.setSystemTime(new Date('2026-06-01T00:01:00Z'));
    const after = await isAllowed(input);

    // Assert
    expect(before).toEqual({ allowed: true });
    expect(after).toMatchObject({ allowed: false });
    expect(simulator.runSimulation).toHaveBeenCalledTimes(2);
  });

  it('remembers a bounded number of decisions, dropping the least recently used', async () => {
    // Arrange: one request used again and again, then 500 others (the cache holds 500)
    const kept = request(allowScan({ Sid: 'kept' }));
    await isAllowed(kept);
    for (let i = 0; i < 499; i += 1) await isAllowed(request(allowScan({ Sid: `other${i}` })));
    await isAllowed(kept);
    const oldest = request(allowScan({ Sid: 'other0' }));
    vi.mocked(simulator.runSimulation).mockClear();

    // Act: one more pushes out the least recently used (other0), not `kept`
    await isAllowed(request(allowScan({ Sid: 'newest' })));
    await isAllowed(kept);
    await isAllowed(oldest);

    // Assert: newest and oldest were evaluated; kept came from the cache
    expect(simulator.runSimulation).toHaveBeenCalledTimes(2);
  });

  it('bounds the characters its keys hold: a caller-filled context cannot grow the cache without end', async () => {
    // Arrange: dynamodb:LeadingKeys as a caller fills it with a request's partition key values (up to 16 MB)
    const big = (tag: string): IsAllowedInput => ({
      ...request(allowScan({ Sid: 'big' })),
      context: { 'dynamodb:LeadingKeys': [tag, 'k'.repeat(3 * 1024 * 1024)] },
    });
    const huge = { ...request(allowScan({ Sid: 'huge' })), context: { 'dynamodb:LeadingKeys': ['h'.repeat(9 << 20)] } };
    await isAllowed(big('first'));
    await isAllowed(big('second'));
    await isAllowed(big('third'));
    await isAllowed(huge);
    vi.mocked(simulator.runSimulation).mockClear();

    // Act
    await isAllowed(big('first'));
    await isAllowed(huge);

    // Assert: the first was dropped for the third (8 M characters in all), one key past the bound is never kept
    expect(simulator.runSimulation).toHaveBeenCalledTimes(2);
  });
});
