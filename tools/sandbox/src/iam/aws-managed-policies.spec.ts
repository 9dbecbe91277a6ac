import { describe, expect, it } from 'vitest';
import { awsManagedPolicy } from './aws-managed-policies';
import { isAllowed } from './is-allowed';

const identity = {
  type: 'user',
  accountId: '222222222222',
  arn: 'arn:aws:iam::222222222222:user/reader',
  principalArn: 'arn:aws:iam::222222222222:user/reader',
  userId: 'AIDAREADER',
  accessKeyId: 'AKIAREADER',
} as const;

async function readOnlyAllows(action: string): Promise<boolean> {
  const document = awsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess');
  if (document === undefined) throw new Error('ReadOnlyAccess is unknown');
  const decision = await isAllowed({
    principal: { kind: 'identity', identity, policies: [{ name: 'ReadOnlyAccess', document }] },
    action,
    resource: 'arn:aws:dynamodb:us-east-1:222222222222:table/t',
    resourceAccount: '222222222222',
  });
  return decision.allowed;
}

describe('awsManagedPolicy ReadOnlyAccess', () => {
  it.each([
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:BatchGetItem',
    'dynamodb:PartiQLSelect',
    'dynamodb:DescribeTable',
  ])('allows the read action %s', async (action) => {
    // Act / Assert
    expect(await readOnlyAllows(action)).toBe(true);
  });

  it.each(['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteTable'])(
    'denies the write action %s',
    async (action) => {
      // Act / Assert
      expect(await readOnlyAllows(action)).toBe(false);
    },
  );
});
