import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStage, parseStage, type Stage } from '@xacct/config';
import { buildTargetApp } from '../build-target-app';
import type { TargetStack } from './target-stack';

function synth(stage: Stage): { stack: TargetStack; template: Template } {
  const app = new App();
  const stack = buildTargetApp(app, stage);
  return { stack, template: Template.fromStack(stack) };
}

describe('TargetStack (stage local)', () => {
  const stage = loadStage('local');
  let stack: TargetStack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = synth(stage));
  });

  it('is named after the stage and pinned to the target account and region', () => {
    expect(stack.stackName).toBe('xacct-local-target');
    expect(stack.account).toBe('222222222222');
    expect(stack.region).toBe('us-east-1');
  });

  it('holds exactly one table and one role, and no separate or managed policies', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(Object.keys(template.toJSON().Resources as object)).toHaveLength(2);
  });

  it('creates the table keyed as the stage says, on demand, with PITR, deletion protection, encryption and RETAIN', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        TableName: 'xacct-devices',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'deviceId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'deviceId', AttributeType: 'S' }],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            Region: 'us-east-1',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      },
    });
  });

  it('trusts the source account root only for the reader role ARN with the ExternalId and SourceIdentity, and SetSourceIdentity separately', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'xacct-devices-access',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Condition: {
              StringEquals: {
                'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/xacct-devices-reader',
                'sts:ExternalId': 'local-sandbox-external-id',
                'sts:SourceIdentity': 'xacct-devices-reader',
              },
            },
          },
          {
            Effect: 'Allow',
            Action: 'sts:SetSourceIdentity',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Condition: {
              StringEquals: {
                'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/xacct-devices-reader',
                'sts:SourceIdentity': 'xacct-devices-reader',
              },
            },
          },
        ],
      },
    });
  });

  it('allows exactly GetItem/Query/Scan on the table and Query/Scan on its indexes, nothing else', () => {
    const tableId = stack.getLogicalId(stack.table.table.node.defaultChild as never);
    const roles = template.findResources('AWS::IAM::Role');
    const role = Object.values(roles)[0] as { Properties: Record<string, unknown> };
    expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
    expect(role.Properties['Policies']).toEqual([
      {
        PolicyName: 'ReadTable',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ReadTable',
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
              Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
            },
            {
              Sid: 'ReadIndexes',
              Effect: 'Allow',
              Action: ['dynamodb:Query', 'dynamodb:Scan'],
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
            },
          ],
        },
      },
    ]);
  });

  it('never uses aws:SourceAccount (AWS sets it only for service principals)', () => {
    expect(JSON.stringify(template.toJSON())).not.toContain('aws:SourceAccount');
  });

  it('outputs the table ARN and the access role ARN', () => {
    const tableId = stack.getLogicalId(stack.table.table.node.defaultChild as never);
    const roleId = stack.getLogicalId(stack.accessRole?.role.node.defaultChild as never);
    template.hasOutput('TableArn', { Value: { 'Fn::GetAtt': [tableId, 'Arn'] } });
    template.hasOutput('AccessRoleArn', { Value: { 'Fn::GetAtt': [roleId, 'Arn'] } });
  });
});

describe('TargetStack (other stage shapes)', () => {
  const local = loadStage('local');

  it('adds a numeric sort key when the stage has one', () => {
    const stage = parseStage({ ...local, table: { ...local.table, sortKey: { name: 'ts', type: 'N' } } }, 'test');
    const { template } = synth(stage);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'deviceId', KeyType: 'HASH' },
        { AttributeName: 'ts', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'ts', AttributeType: 'N' }]),
    });
  });

  it('uses the partition of the source region in the trust principal', () => {
    const stage = parseStage(
      {
        ...local,
        source: { accountId: '333333333333', region: 'cn-north-1' },
        target: { accountId: '444444444444', region: 'cn-north-1' },
      },
      'test',
    );
    const { template } = synth(stage);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { AWS: 'arn:aws-cn:iam::333333333333:root' },
            Condition: {
              StringEquals: Match.objectLike({
                'aws:PrincipalArn': 'arn:aws-cn:iam::333333333333:role/xacct-devices-reader',
              }),
            },
          }),
        ]),
      },
    });
  });
});

describe('TargetStack (access mode resource-policy)', () => {
  const stage = loadStage('local-resource-policy');
  const readerArn = 'arn:aws:iam::111111111111:role/xacct-rp-devices-reader';
  const tableArn = 'arn:aws:dynamodb:us-east-1:222222222222:table/xacct-rp-devices';
  const principal = {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111111111111:root' },
    Condition: { StringEquals: { 'aws:PrincipalArn': readerArn } },
  };
  const expectedPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        ...principal,
        Sid: 'ReaderReadsTable',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
        Resource: tableArn,
      },
      {
        ...principal,
        Sid: 'ReaderReadsIndexes',
        Action: ['dynamodb:Query', 'dynamodb:Scan'],
        Resource: `${tableArn}/index/*`,
      },
    ],
  };

  it('has no access role: only the table, with the AWS owned key', () => {
    const { stack, template } = synth(stage);
    expect(stack.accessRole).toBeUndefined();
    expect(Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type)).toEqual([
      'AWS::DynamoDB::GlobalTable',
    ]);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { SSESpecification: { SSEEnabled: false } });
    expect(Object.keys(template.toJSON().Outputs as object).filter((k) => !k.startsWith('Bootstrap'))).toEqual([
      'TableArn',
    ]);
  });

  it('puts the read-only resource policy for the reader role on the table replica (passed in the props)', () => {
    const { template } = synth(stage);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ Region: 'us-east-1', ResourcePolicy: { PolicyDocument: expectedPolicy } })],
    });
  });

  it('creates a rotating customer managed key that only the reader role may use, only through DynamoDB', () => {
    const cmk = parseStage({ ...stage, table: { ...stage.table, encryption: 'customer-managed' } }, 'test');
    const { stack, template } = synth(cmk);
    const keyId = stack.getLogicalId(stack.tableKey?.key.node.defaultChild as never);
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: [
          // The key's own account (root), as CDK's default key policy writes it (a literal ARN under cdk.json's flags).
          Match.objectLike({ Action: 'kms:*', Principal: { AWS: 'arn:aws:iam::222222222222:root' } }),
          {
            Sid: 'DecryptViaDynamoDB0',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Action: ['kms:Decrypt', 'kms:DescribeKey'],
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalArn': readerArn, 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' },
            },
          },
        ],
      },
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/xacct-local-resource-policy-table' });
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } } })],
    });
    template.hasOutput('TableKeyArn', { Value: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });

  it('grants both ways while switching modes: access role and table policy', () => {
    const local = loadStage('local');
    const both = parseStage(
      {
        ...local,
        table: { ...local.table, encryption: 'aws-owned' },
        access: { mode: 'assume-role', grants: ['assume-role', 'resource-policy'] },
      },
      'test',
    );
    const { stack, template } = synth(both);
    expect(stack.accessRole).toBeDefined();
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: false },
      Replicas: [Match.objectLike({ ResourcePolicy: Match.objectLike({}) })],
    });
  });
});

describe('TargetStack (assume-role with a customer managed key)', () => {
  const local = loadStage('local');
  const stage = parseStage({ ...local, table: { ...local.table, encryption: 'customer-managed' } }, 'test');

  it('lets the access role decrypt through DynamoDB: its own policy and the key policy', () => {
    const { stack, template } = synth(stage);
    const keyId = stack.getLogicalId(stack.tableKey?.key.node.defaultChild as never);
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: [
        {
          PolicyName: 'ReadTable',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: Match.arrayWith([
              {
                Sid: 'DecryptTableViaDynamoDB',
                Effect: 'Allow',
                Action: ['kms:Decrypt', 'kms:DescribeKey'],
                Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
                Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } },
              },
            ]),
          },
        },
      ],
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { AWS: 'arn:aws:iam::222222222222:root' },
            Condition: {
              StringEquals: {
                'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/xacct-devices-access',
                'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com',
              },
            },
          }),
        ]),
      },
    });
  });
});

describe('TargetStack (global secondary indexes)', () => {
  const history = loadStage('local-history');
  const withIndexes = (indexes: unknown[]): Stage =>
    parseStage({ ...history, table: { ...history.table, indexes } }, 'test');
  const gsisOf = (template: Template): unknown =>
    (Object.values(template.findResources('AWS::DynamoDB::GlobalTable'))[0] as { Properties: Record<string, unknown> })
      .Properties['GlobalSecondaryIndexes'];

  it('creates the stage local-history index byOwner (projection ALL) with its attributes defined once', () => {
    const { template } = synth(history);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: 'xacct-history',
      KeySchema: [
        { AttributeName: 'deviceId', KeyType: 'HASH' },
        { AttributeName: 'timestamp', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'deviceId', AttributeType: 'S' },
        { AttributeName: 'timestamp', AttributeType: 'S' },
        { AttributeName: 'owner', AttributeType: 'S' },
      ],
    });
    expect(gsisOf(template)).toEqual([
      {
        IndexName: 'byOwner',
        KeySchema: [
          { AttributeName: 'owner', KeyType: 'HASH' },
          { AttributeName: 'timestamp', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('renders KEYS_ONLY and INCLUDE, dropping key attributes from an include list (they are always projected)', () => {
    const { template } = synth(
      withIndexes([
        { name: 'bySite', partitionKey: { name: 'site', type: 'S' }, projection: 'KEYS_ONLY' },
        {
          name: 'byLevel',
          partitionKey: { name: 'level', type: 'N' },
          sortKey: { name: 'timestamp', type: 'S' },
          projection: { include: ['deviceId', 'level', 'note', 'owner', 'note'] },
        },
        { name: 'byZone', partitionKey: { name: 'zone', type: 'S' }, projection: { include: ['zone', 'timestamp'] } },
      ]),
    );
    expect(gsisOf(template)).toEqual([
      {
        IndexName: 'bySite',
        KeySchema: [{ AttributeName: 'site', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: 'byLevel',
        KeySchema: [
          { AttributeName: 'level', KeyType: 'HASH' },
          { AttributeName: 'timestamp', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note', 'owner'] },
      },
      {
        IndexName: 'byZone',
        KeySchema: [{ AttributeName: 'zone', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ]);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'level', AttributeType: 'N' }]),
    });
  });

  it('has no GlobalSecondaryIndexes property when the stage declares none', () => {
    expect(gsisOf(synth(loadStage('local')).template)).toBeUndefined();
  });

  it('grants the access role exactly what it grants without indexes: declaring one widens nothing', () => {
    const policiesOf = (stage: Stage): unknown => {
      const { stack, template } = synth(stage);
      const tableId = stack.getLogicalId(stack.table.table.node.defaultChild as never);
      const role = Object.values(template.findResources('AWS::IAM::Role'))[0] as {
        Properties: Record<string, unknown>;
      };
      return JSON.parse(JSON.stringify(role.Properties['Policies']).replaceAll(tableId, 'TABLE')) as unknown;
    };
    expect(policiesOf(history)).toEqual(policiesOf(withIndexes([])));
  });
});
