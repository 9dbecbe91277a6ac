import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStage, readerRoleArn, tableArn } from '@xacct/config';
import { identity, session } from './test-support/principals';
import { resolveIntrinsics, type CfnTemplate } from './test-support/resolve-intrinsics';
import { roleOf, type RoleUnderTest } from './test-support/role-of';
import { simulate, type Decision, type SimulationCase } from './test-support/simulate';
import { synthesizeApp } from './test-support/synthesize-app';

/**
 * The policy matrix of the resource-policy mode: the synthesized templates of `local-resource-policy` (and the same
 * stage with a customer managed key), the table's resource policy and the key policy resolved, each request
 * evaluated by iam-simulate. Cross-account requests need the identity policy and the resource policy.
 */
const stage = loadStage('local-resource-policy');
const SOURCE = stage.source.accountId;
const TARGET = stage.target.accountId;
const THIRD = '333333333333';
const REGION = stage.target.region;
const env = (accountId: string) => ({ partition: 'aws', accountId, region: REGION });
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const DYNAMO_ANY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] };
const KMS_ANY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
const VIA_DYNAMODB = { 'kms:ViaService': `dynamodb.${REGION}.amazonaws.com` };

function resourceOf(template: CfnTemplate, type: string): { id: string; properties: Record<string, unknown> } {
  const [id, resource] = Object.entries(template.Resources).find(([, r]) => r.Type === type) ?? [];
  if (!id || !resource) throw new Error(`no ${type} in the template`);
  return { id, properties: resolveIntrinsics(resource.Properties, template, env(TARGET)) as Record<string, unknown> };
}

function tablePolicyOf(template: CfnTemplate): unknown {
  const { properties } = resourceOf(template, 'AWS::DynamoDB::GlobalTable');
  const replicas = properties['Replicas'] as Array<{ ResourcePolicy?: { PolicyDocument: unknown } }>;
  return replicas[0]?.ResourcePolicy?.PolicyDocument;
}

interface MatrixCase extends SimulationCase {
  readonly name: string;
  readonly expected: Decision;
}

const cases: MatrixCase[] = [];
let reader: RoleUnderTest;

await (async () => {
  const root = resolve(import.meta.dirname, '../../..');
  // The same stage with a customer managed key, as a stage file of this test's own.
  const stagesDir = mkdtempSync(join(tmpdir(), 'stages-cmk-'));
  const { name, ...rest } = stage;
  writeFileSync(
    join(stagesDir, `${name}.json`),
    JSON.stringify({ name, ...rest, table: { ...stage.table, encryption: 'customer-managed' } }),
  );
  let templates: CfnTemplate[];
  try {
    templates = await Promise.all([
      synthesizeApp(root, 'target-infra', stage.name),
      synthesizeApp(root, 'source-infra', stage.name),
      synthesizeApp(root, 'target-infra', stage.name, { XACCT_STAGES_DIR: stagesDir }),
      synthesizeApp(root, 'source-infra', stage.name, { XACCT_STAGES_DIR: stagesDir }),
    ]);
  } finally {
    rmSync(stagesDir, { recursive: true, force: true });
  }
  const [target, source, cmkTarget, cmkSource] = templates as [CfnTemplate, CfnTemplate, CfnTemplate, CfnTemplate];
  reader = roleOf(source, SOURCE, REGION);
  const cmkReader = roleOf(cmkSource, SOURCE, REGION);
  const tablePolicy = tablePolicyOf(target);
  const table = tableArn(stage);
  const index = `${table}/index/byOwner`;
  const readerSession = session(reader.arn);

  const dynamo = (
    caseName: string,
    action: string,
    resource: string,
    expected: Decision,
    who = readerSession,
    policies: readonly unknown[] = reader.policies,
    /** `null`: the table has no resource policy. */
    resourcePolicy: unknown = tablePolicy,
  ): void => {
    cases.push({
      name: caseName,
      principal: who.principal,
      context: who.context,
      action,
      resource,
      resourceAccount: TARGET,
      identityPolicies: policies,
      ...(resourcePolicy === null ? {} : { resourcePolicy }),
      expected,
    });
  };

  // The reader role: reads on the table and its indexes.
  dynamo('reader GetItem on the table', 'dynamodb:GetItem', table, 'Allowed');
  dynamo('reader Query on the table', 'dynamodb:Query', table, 'Allowed');
  dynamo('reader Scan on the table', 'dynamodb:Scan', table, 'Allowed');
  dynamo('reader Query on an index', 'dynamodb:Query', index, 'Allowed');
  dynamo('reader Scan on an index', 'dynamodb:Scan', index, 'Allowed');
  dynamo(
    'reader GetItem without the table policy (identity alone)',
    'dynamodb:GetItem',
    table,
    'ImplicitlyDenied',
    readerSession,
    reader.policies,
    null,
  );
  dynamo(
    'reader GetItem with the table policy but no identity policy',
    'dynamodb:GetItem',
    table,
    'ImplicitlyDenied',
    readerSession,
    [],
  );
  // Every write and management action.
  for (const action of [
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'BatchWriteItem',
    'BatchGetItem',
    'DescribeTable',
    'UpdateTable',
    'DeleteTable',
    'PutResourcePolicy',
    'GetResourcePolicy',
    'DeleteResourcePolicy',
  ]) {
    dynamo(`reader ${action} on the table`, `dynamodb:${action}`, table, 'ImplicitlyDenied');
  }
  for (const action of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'UpdateTable']) {
    dynamo(`reader ${action} on an index`, `dynamodb:${action}`, index, 'ImplicitlyDenied');
  }
  for (const [who, principal] of [
    ['another source role', session(`arn:aws:iam::${SOURCE}:role/ops-admin`)],
    ['an admin role in a third account', session(`arn:aws:iam::${THIRD}:role/intruder`)],
  ] as const) {
    dynamo(
      `${who} with AdministratorAccess Query on an index`,
      'dynamodb:Query',
      index,
      'ImplicitlyDenied',
      principal,
      [ADMIN],
    );
  }
  // Everyone else, however broad their own policies.
  const others: Array<[string, { principal: string; context: Record<string, string> }]> = [
    ['another source role', session(`arn:aws:iam::${SOURCE}:role/ops-admin`)],
    ['the source account root user', identity(`arn:aws:iam::${SOURCE}:root`)],
    ['an admin role in a third account', session(`arn:aws:iam::${THIRD}:role/intruder`)],
    [
      'a same-named reader role in a third account',
      session(`arn:aws:iam::${THIRD}:role/${stage.roles.readerRoleName}`),
    ],
  ];
  for (const [who, principal] of others) {
    dynamo(`${who} with dynamodb:* on * GetItem`, 'dynamodb:GetItem', table, 'ImplicitlyDenied', principal, [
      DYNAMO_ANY,
    ]);
    dynamo(`${who} with AdministratorAccess Scan on an index`, 'dynamodb:Scan', index, 'ImplicitlyDenied', principal, [
      ADMIN,
    ]);
  }
  // Another table: the reader's identity policy does not reach it, whatever that table's policy says.
  const otherTable = `arn:aws:dynamodb:${REGION}:${TARGET}:table/other-table`;
  const openPolicy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'dynamodb:*', Resource: '*' },
    ],
  };
  dynamo(
    'reader GetItem on another table open to the source account',
    'dynamodb:GetItem',
    otherTable,
    'ImplicitlyDenied',
    readerSession,
    reader.policies,
    openPolicy,
  );
  dynamo(
    'reader Scan on another table without a policy',
    'dynamodb:Scan',
    otherTable,
    'ImplicitlyDenied',
    readerSession,
    reader.policies,
    null,
  );

  // The customer managed key: only the reader role, only kms:Decrypt/DescribeKey, only through DynamoDB.
  const key = resourceOf(cmkTarget, 'AWS::KMS::Key');
  const keyArn = resolveIntrinsics({ 'Fn::GetAtt': [key.id, 'Arn'] }, cmkTarget, env(TARGET)) as string;
  const keyPolicy = key.properties['KeyPolicy'];
  const kms = (
    caseName: string,
    action: string,
    extra: Record<string, string>,
    expected: Decision,
    who = readerSession,
    policies: readonly unknown[] = cmkReader.policies,
  ): void => {
    cases.push({
      name: `key: ${caseName}`,
      principal: who.principal,
      context: { ...who.context, ...extra },
      action,
      resource: keyArn,
      resourceAccount: TARGET,
      identityPolicies: policies,
      resourcePolicy: keyPolicy,
      expected,
    });
  };
  kms('reader decrypts via DynamoDB', 'kms:Decrypt', VIA_DYNAMODB, 'Allowed');
  kms('reader decrypts directly (no kms:ViaService)', 'kms:Decrypt', {}, 'ImplicitlyDenied');
  kms('reader decrypts via S3', 'kms:Decrypt', { 'kms:ViaService': `s3.${REGION}.amazonaws.com` }, 'ImplicitlyDenied');
  kms(
    'reader decrypts via DynamoDB of another region',
    'kms:Decrypt',
    { 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' },
    'ImplicitlyDenied',
  );
  kms('reader with kms:* decrypts directly', 'kms:Decrypt', {}, 'ImplicitlyDenied', readerSession, [KMS_ANY]);
  for (const action of [
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:ReEncryptFrom',
    'kms:CreateGrant',
    'kms:PutKeyPolicy',
    'kms:ScheduleKeyDeletion',
  ]) {
    kms(`reader ${action} via DynamoDB`, action, VIA_DYNAMODB, 'ImplicitlyDenied', readerSession, [KMS_ANY]);
  }
  for (const [who, principal] of others) {
    kms(`${who} with kms:* decrypts via DynamoDB`, 'kms:Decrypt', VIA_DYNAMODB, 'ImplicitlyDenied', principal, [
      KMS_ANY,
    ]);
  }
  kms(
    'the reader role without its identity grant',
    'kms:Decrypt',
    VIA_DYNAMODB,
    'ImplicitlyDenied',
    readerSession,
    reader.policies,
  );
})();

describe('policy matrix, resource-policy mode (synthesized templates, iam-simulate)', () => {
  it('names the reader role exactly as the config contract derives it', () => {
    expect(reader.arn).toBe(readerRoleArn(stage));
  });

  it('has at least 40 cases, each named once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c.expected, c] as const))('%s: %s', async (_name, expected, c) => {
    expect(await simulate(c)).toBe(expected);
  });
});
