import { describe, expect, it } from 'vitest';
import { accessRoleArn, loadStage, readerRoleArn, sourceIdentity, tableArn } from '@xacct/config';
import { resolve } from 'node:path';
import { resolveIntrinsics, type CfnTemplate } from './test-support/resolve-intrinsics';
import { simulate, type Decision, type SimulationCase } from './test-support/simulate';
import { synthesizeApp } from './test-support/synthesize-app';
import { identity, session } from './test-support/principals';
import { roleOf, type RoleUnderTest } from './test-support/role-of';

/**
 * The policy matrix: both synthesized templates (through the apps' real entry points), their IAM policies
 * resolved, and each request evaluated by @cloud-copilot/iam-simulate. Every case asserts the exact decision.
 */
const stage = loadStage('local');
const SOURCE = stage.source.accountId; // 111111111111
const TARGET = stage.target.accountId; // 222222222222
const THIRD = '333333333333';
const REGION = stage.target.region;

const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const ASSUME_ANY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
/** A trust that admits anyone from the source account: what a careless role elsewhere might have. */
const TRUSTS_SOURCE_ACCOUNT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` } }],
};

function logGroupArn(template: CfnTemplate, account: string): string {
  const [id] = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::Logs::LogGroup') ?? [];
  return resolveIntrinsics({ 'Fn::GetAtt': [id, 'Arn'] }, template, {
    partition: 'aws',
    accountId: account,
    region: REGION,
  }) as string;
}

interface MatrixCase extends SimulationCase {
  readonly name: string;
  readonly expected: Decision;
}

// Synthesized once at collection time (top-level await), so every case below is its own named test.
const cases: MatrixCase[] = [];
let access: RoleUnderTest;
let reader: RoleUnderTest;
let readerLogs: string;

await (async () => {
  const root = resolve(import.meta.dirname, '../../..');
  const [target, source] = await Promise.all([
    synthesizeApp(root, 'target-infra', stage.name),
    synthesizeApp(root, 'source-infra', stage.name),
  ]);
  access = roleOf(target, TARGET, REGION);
  reader = roleOf(source, SOURCE, REGION);
  readerLogs = logGroupArn(source, SOURCE);
  const table = tableArn(stage);
  const index = `${table}/index/byOwner`;
  const otherTable = `arn:aws:dynamodb:${REGION}:${TARGET}:table/other-table`;
  const readerSession = session(reader.arn);
  const accessSession = session(access.arn);
  const identityKey = { 'sts:SourceIdentity': sourceIdentity(stage) };
  const trustKeys = { 'sts:ExternalId': stage.externalId ?? '', ...identityKey };

  const assume = (
    name: string,
    who: { principal: string; context: Record<string, string> },
    policies: readonly unknown[],
    extra: Record<string, string>,
    expected: Decision,
    action = 'sts:AssumeRole',
    role: { arn: string; trust: unknown } = access,
  ): void => {
    cases.push({
      name,
      principal: who.principal,
      context: { ...who.context, ...extra },
      action,
      resource: role.arn,
      resourceAccount: role.arn.split(':')[4] ?? '',
      identityPolicies: policies,
      resourcePolicy: role.trust,
      expected,
    });
  };
  const dynamo = (
    name: string,
    action: string,
    resource: string,
    expected: Decision,
    who = accessSession,
    policies = access.policies,
  ): void => {
    cases.push({
      name,
      principal: who.principal,
      context: who.context,
      action,
      resource,
      resourceAccount: TARGET,
      identityPolicies: policies,
      expected,
    });
  };

  // AssumeRole into the access role: only the reader role, only with the ExternalId and the SourceIdentity.
  assume(
    'reader role assumes the access role with the right ExternalId and SourceIdentity',
    readerSession,
    reader.policies,
    trustKeys,
    'Allowed',
  );
  assume(
    'reader role with a wrong ExternalId',
    readerSession,
    reader.policies,
    { ...identityKey, 'sts:ExternalId': 'guessed' },
    'ImplicitlyDenied',
  );
  assume('reader role without an ExternalId', readerSession, reader.policies, identityKey, 'ImplicitlyDenied');
  assume(
    'reader role assumes without a SourceIdentity',
    readerSession,
    reader.policies,
    { 'sts:ExternalId': stage.externalId ?? '' },
    'ImplicitlyDenied',
  );
  assume(
    'reader role assumes with another SourceIdentity',
    readerSession,
    reader.policies,
    { 'sts:ExternalId': stage.externalId ?? '', 'sts:SourceIdentity': 'someone-else' },
    'ImplicitlyDenied',
  );
  assume(
    'another source role with sts:AssumeRole on *',
    session(`arn:aws:iam::${SOURCE}:role/ops-admin`),
    [ASSUME_ANY],
    trustKeys,
    'ImplicitlyDenied',
  );
  assume(
    'an IAM user in the source account with AdministratorAccess',
    identity(`arn:aws:iam::${SOURCE}:user/alice`),
    [ADMIN],
    trustKeys,
    'ImplicitlyDenied',
  );
  assume(
    'the source account root user',
    identity(`arn:aws:iam::${SOURCE}:root`),
    [ADMIN],
    trustKeys,
    'ImplicitlyDenied',
  );
  assume(
    'an admin role in a third account',
    session(`arn:aws:iam::${THIRD}:role/intruder`),
    [ADMIN],
    trustKeys,
    'ImplicitlyDenied',
  );
  assume(
    'a same-named reader role in a third account',
    session(`arn:aws:iam::${THIRD}:role/${stage.roles.readerRoleName}`),
    [ADMIN],
    trustKeys,
    'ImplicitlyDenied',
  );
  assume(
    'a role in the target account itself',
    session(`arn:aws:iam::${TARGET}:role/target-admin`),
    [ADMIN],
    trustKeys,
    'ImplicitlyDenied',
  );
  // SetSourceIdentity: its own statement, conditioned on the identity (ExternalId is not a key of it).
  assume(
    'reader role sets the expected SourceIdentity',
    readerSession,
    reader.policies,
    identityKey,
    'Allowed',
    'sts:SetSourceIdentity',
  );
  assume(
    'reader role sets another SourceIdentity',
    readerSession,
    reader.policies,
    { 'sts:SourceIdentity': 'someone-else' },
    'ImplicitlyDenied',
    'sts:SetSourceIdentity',
  );
  assume(
    'reader role sets no SourceIdentity value',
    readerSession,
    reader.policies,
    {},
    'ImplicitlyDenied',
    'sts:SetSourceIdentity',
  );
  assume(
    'another source role sets the expected SourceIdentity',
    session(`arn:aws:iam::${SOURCE}:role/ops-admin`),
    [ADMIN],
    identityKey,
    'ImplicitlyDenied',
    'sts:SetSourceIdentity',
  );
  assume(
    'a same-named role in a third account sets the SourceIdentity',
    session(`arn:aws:iam::${THIRD}:role/${stage.roles.readerRoleName}`),
    [ADMIN],
    identityKey,
    'ImplicitlyDenied',
    'sts:SetSourceIdentity',
  );
  // The reader role may assume nothing else, even roles whose trust would let it in.
  assume(
    'reader role assumes another target role that trusts the source account',
    readerSession,
    reader.policies,
    trustKeys,
    'ImplicitlyDenied',
    'sts:AssumeRole',
    { arn: `arn:aws:iam::${TARGET}:role/other-role`, trust: TRUSTS_SOURCE_ACCOUNT },
  );
  assume(
    'reader role assumes a role in its own account',
    readerSession,
    reader.policies,
    {},
    'ImplicitlyDenied',
    'sts:AssumeRole',
    { arn: `arn:aws:iam::${SOURCE}:role/source-admin`, trust: TRUSTS_SOURCE_ACCOUNT },
  );
  // Who may become the reader role: Lambda only.
  assume(
    'lambda.amazonaws.com assumes the reader role',
    { principal: 'lambda.amazonaws.com', context: {} },
    [],
    {},
    'Allowed',
    'sts:AssumeRole',
    reader,
  );
  assume(
    'ec2.amazonaws.com assumes the reader role',
    { principal: 'ec2.amazonaws.com', context: {} },
    [],
    {},
    'ImplicitlyDenied',
    'sts:AssumeRole',
    reader,
  );
  assume(
    'a source admin assumes the reader role',
    session(`arn:aws:iam::${SOURCE}:role/ops-admin`),
    [ADMIN],
    {},
    'ImplicitlyDenied',
    'sts:AssumeRole',
    reader,
  );

  // The access role session: reads on the one table and its indexes, nothing else.
  dynamo('GetItem on the table', 'dynamodb:GetItem', table, 'Allowed');
  dynamo('Scan on the table', 'dynamodb:Scan', table, 'Allowed');
  dynamo('Query on the table', 'dynamodb:Query', table, 'Allowed');
  dynamo('Query on an index of the table', 'dynamodb:Query', index, 'Allowed');
  dynamo('Scan on an index of the table', 'dynamodb:Scan', index, 'Allowed');
  for (const write of ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'DeleteTable', 'UpdateTable']) {
    dynamo(`${write} on the table`, `dynamodb:${write}`, table, 'ImplicitlyDenied');
  }
  // GSIs (GET /indexes/{index}/items/{pk}) are read with Query only; nothing else reaches an index.
  for (const other of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'UpdateTable']) {
    dynamo(`${other} on an index of the table`, `dynamodb:${other}`, index, 'ImplicitlyDenied');
  }
  dynamo('BatchGetItem on the table (not used by the reader)', 'dynamodb:BatchGetItem', table, 'ImplicitlyDenied');
  dynamo('DescribeTable (not used by the reader)', 'dynamodb:DescribeTable', table, 'ImplicitlyDenied');
  dynamo('GetItem on another table', 'dynamodb:GetItem', otherTable, 'ImplicitlyDenied');
  dynamo('Scan on another table', 'dynamodb:Scan', otherTable, 'ImplicitlyDenied');
  dynamo('Query on an index of another table', 'dynamodb:Query', `${otherTable}/index/byOwner`, 'ImplicitlyDenied');
  dynamo(
    'the reader role reads the table directly, without assuming',
    'dynamodb:GetItem',
    table,
    'ImplicitlyDenied',
    readerSession,
    reader.policies,
  );

  // The reader role's own logs only.
  const stream = `${readerLogs.slice(0, -':*'.length)}:log-stream:2026/11/28/[$LATEST]abc`;
  cases.push(
    {
      name: 'reader writes to its own log group',
      principal: readerSession.principal,
      context: readerSession.context,
      action: 'logs:PutLogEvents',
      resource: stream,
      resourceAccount: SOURCE,
      identityPolicies: reader.policies,
      expected: 'Allowed',
    },
    {
      name: 'reader writes to another log group',
      principal: readerSession.principal,
      context: readerSession.context,
      action: 'logs:PutLogEvents',
      resource: `arn:aws:logs:${REGION}:${SOURCE}:log-group:/aws/lambda/other:log-stream:x`,
      resourceAccount: SOURCE,
      identityPolicies: reader.policies,
      expected: 'ImplicitlyDenied',
    },
  );
})();

describe('policy matrix (synthesized templates, iam-simulate)', () => {
  it('names the roles and the table exactly as the config contract derives them', () => {
    expect(access.arn).toBe(accessRoleArn(stage));
    expect(reader.arn).toBe(readerRoleArn(stage));
    expect(access.policies.length).toBeGreaterThan(0);
  });

  it('has at least 20 cases, each named once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c.expected, c] as const))('%s: %s', async (_name, expected, c) => {
    expect(await simulate(c)).toBe(expected);
  });
});
