import { describe, expect, it } from 'vitest';
import { IamStore } from './iam-store';

const trust = { Version: '2012-10-17', Statement: [] };

describe('IamStore', () => {
  it('creates one admin per account with stable keys and refuses a bad account id', () => {
    // Arrange
    const iam = new IamStore();
    // Act
    const first = iam.ensureAccount('111111111111');
    const again = iam.ensureAccount('111111111111');
    // Assert
    expect(again).toEqual(first);
    expect(first.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(first.secretAccessKey).toHaveLength(40);
    expect(() => iam.ensureAccount('1234')).toThrow("Account id must be 12 digits, got '1234'.");
  });

  it('keeps a role’s id and attached policies across an update; names are case-insensitive', () => {
    // Arrange
    const iam = new IamStore();
    const role = iam.putRole({ accountId: '222222222222', roleName: 'Reader', trustPolicy: trust });
    iam.attachPolicy('stack/P', { name: 'p', document: trust }, [{ accountId: '222222222222', roleName: 'reader' }]);
    // Act
    const updated = iam.putRole({
      accountId: '222222222222',
      roleName: 'Reader',
      trustPolicy: trust,
      maxSessionDuration: 7200,
    });
    // Assert
    expect(updated.roleId).toBe(role.roleId);
    expect(Object.keys(updated.attachedPolicies)).toEqual(['stack/P']);
    expect(iam.getRole('222222222222', 'READER')?.maxSessionDuration).toBe(7200);
  });

  it('resolves a session to its role’s current policies, and to none once the role is gone', () => {
    // Arrange
    const iam = new IamStore();
    const role = iam.putRole({
      accountId: '222222222222',
      roleName: 'r',
      trustPolicy: trust,
      inlinePolicies: [{ name: 'a', document: trust }],
      managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/Unknown'],
    });
    const session = iam.issueSession(role, 's', 900, 'me');
    const identity = iam.identityOf(iam.lookupAccessKey(session.accessKeyId)!);
    // Act
    const before = iam.identityPolicies(identity).map((p) => p.name);
    iam.deleteRole('222222222222', 'r');
    const after = iam.identityPolicies(identity);
    // Assert
    expect(before).toEqual(['a', 'arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(after).toEqual([]);
    expect(identity).toMatchObject({ type: 'assumed-role', sourceIdentity: 'me', principalArn: role.arn });
  });

  it('gives a session no policies once its role was deleted and recreated under the same ARN', () => {
    // Arrange
    const iam = new IamStore();
    const input = {
      accountId: '222222222222',
      roleName: 'r',
      trustPolicy: trust,
      managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    };
    const original = iam.putRole(input);
    const session = iam.issueSession(original, 's', 900);
    const identity = iam.identityOf(iam.lookupAccessKey(session.accessKeyId)!);
    // Act
    iam.deleteRole('222222222222', 'r');
    const recreated = iam.putRole(input);
    const policies = iam.identityPolicies(identity);
    // Assert
    expect(recreated.arn).toBe(original.arn);
    expect(recreated.roleId).not.toBe(original.roleId);
    expect(policies).toEqual([]);
  });

  it('pins the role principals of a trust policy to the roles that existed when it was written', () => {
    // Arrange
    const iam = new IamStore();
    const principal = iam.putRole({ accountId: '111111111111', roleName: 'p', path: '/team/', trustPolicy: trust });
    const arns = [principal.arn, 'arn:aws:iam::111111111111:role/p', 'arn:aws:iam::111111111111:role/later'];
    const trusting = iam.putRole({
      accountId: '222222222222',
      roleName: 't',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: arns }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/later' }, Action: 'sts:TagSession' },
        ],
      },
    });
    iam.putRole({ accountId: '111111111111', roleName: 'later', trustPolicy: trust });
    // Act
    const whileCurrent = iam.trustPolicyOf(trusting);
    iam.deleteRole('111111111111', 'p');
    iam.putRole({ accountId: '111111111111', roleName: 'p', path: '/team/', trustPolicy: trust });
    const afterRecreate = iam.trustPolicyOf(trusting);
    // Assert: the wrong-path ARN and the role created later never match; the recreated role no longer does
    expect(whileCurrent.Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: principal.arn }, Action: 'sts:AssumeRole' },
    ]);
    expect(afterRecreate.Statement).toEqual([]);
  });

  it('computes a trust policy once per role until a role is put or deleted', () => {
    // Arrange
    const iam = new IamStore();
    const role = iam.putRole({ accountId: '111111111111', roleName: 'r', trustPolicy: trust });
    // Act
    const first = iam.trustPolicyOf(role);
    const again = iam.trustPolicyOf(role);
    iam.putRole({ accountId: '111111111111', roleName: 'other', trustPolicy: trust });
    const afterPut = iam.trustPolicyOf(role);
    iam.deleteRole('111111111111', 'other');
    const afterDelete = iam.trustPolicyOf(role);
    // Assert
    expect(again).toBe(first);
    expect(afterPut).not.toBe(first);
    expect(afterDelete).not.toBe(afterPut);
    expect(afterDelete).toEqual(first);
  });

  it('round-trips through a snapshot', () => {
    // Arrange
    const iam = new IamStore();
    const admin = iam.ensureAccount('111111111111');
    const role = iam.putRole({ accountId: '111111111111', roleName: 'r', path: '/p/', trustPolicy: trust });
    const session = iam.issueSession(role, 's', 900);
    // Act
    const restored = new IamStore(JSON.parse(JSON.stringify(iam.snapshot())));
    // Assert
    expect(restored.ensureAccount('111111111111')).toEqual(admin);
    expect(restored.getRoleByArn('arn:aws:iam::111111111111:role/p/r')?.roleId).toBe(role.roleId);
    expect(restored.lookupAccessKey(session.accessKeyId)?.sessionToken).toBe(session.sessionToken);
  });
});
