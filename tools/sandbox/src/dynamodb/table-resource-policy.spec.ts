import {
  DeleteResourcePolicyCommand,
  GetItemCommand,
  GetResourcePolicyCommand,
  PutItemCommand,
  PutResourcePolicyCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { creds, dynamoClient } from '../test-support/clients';

// Table resource policies and table encryption, evaluated as AWS does, with real SDK clients over HTTP.
const SOURCE = '111111111111';
const TARGET = '222222222222';
const REGION = 'us-east-1';
const tableArn = (name: string) => `arn:aws:dynamodb:${REGION}:${TARGET}:table/${name}`;
const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const READERS = [roleArn(SOURCE, 'reader'), roleArn(SOURCE, 'reader-no-kms')];

const readPolicy = (table: string, principals: string[] = READERS) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${SOURCE}:root` },
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
      Resource: [tableArn(table), `${tableArn(table)}/index/*`],
      Condition: { StringEquals: { 'aws:PrincipalArn': principals } },
    },
    // Same account: naming the role is enough, no identity policy needed.
    {
      Effect: 'Allow',
      Principal: { AWS: roleArn(TARGET, 'local-reader') },
      Action: 'dynamodb:GetItem',
      Resource: tableArn(table),
    },
  ],
});

function globalTable(name: string, encryption: 'aws-owned' | 'aws-managed' | 'cmk', policy?: unknown) {
  return {
    Type: 'AWS::DynamoDB::GlobalTable',
    DependsOn: ['LocalReader'],
    Properties: {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'kind', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byKind',
          KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      SSESpecification: encryption === 'aws-owned' ? { SSEEnabled: false } : { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        {
          Region: REGION,
          ...(policy === undefined ? {} : { ResourcePolicy: { PolicyDocument: policy } }),
          ...(encryption === 'cmk' ? { SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } } : {}),
        },
      ],
    },
  };
}

const lambdaTrust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' } },
      Action: 'sts:AssumeRole',
    },
  ],
};
const role = (name: string, statements: unknown[]) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    RoleName: name,
    AssumeRolePolicyDocument: lambdaTrust,
    ...(statements.length === 0
      ? {}
      : { Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] }),
  },
});
const readTargetTables = {
  Effect: 'Allow',
  Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PutItem'],
  Resource: [`arn:aws:dynamodb:${REGION}:${TARGET}:table/*`],
};
const decryptViaDynamo = {
  Effect: 'Allow',
  Action: 'kms:Decrypt',
  Resource: `arn:aws:kms:${REGION}:${TARGET}:key/*`,
  Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${REGION}.amazonaws.com` } },
};

describe('DynamoDB table resource policies and encryption', () => {
  let sandbox: Sandbox;
  const as = async (account: string, name: string) => {
    const r = sandbox.context.iam.getRole(account, name);
    if (!r) throw new Error(`no role ${name}`);
    return dynamoClient(sandbox.endpoint, creds(sandbox.context.iam.issueSession(r, 'test', 900)));
  };
  const admin = (account: string) => dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials(account)));
  const get = async (account: string, roleName: string, table: string) =>
    (await as(account, roleName)).send(new GetItemCommand({ TableName: tableArn(table), Key: { id: { S: 'a' } } }));

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    await sandbox.deploy({
      stackName: 'source',
      account: SOURCE,
      region: REGION,
      template: {
        Resources: {
          Reader: role('reader', [readTargetTables, decryptViaDynamo]),
          ReaderNoKms: role('reader-no-kms', [readTargetTables]),
          Other: role('ops-admin', [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }]),
        },
      },
    });
    await sandbox.deploy({
      stackName: 'target',
      account: TARGET,
      region: REGION,
      template: {
        Resources: {
          LocalReader: role('local-reader', []),
          Key: {
            Type: 'AWS::KMS::Key',
            Properties: {
              EnableKeyRotation: true,
              KeyPolicy: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { AWS: `arn:aws:iam::${TARGET}:root` },
                    Action: 'kms:*',
                    Resource: '*',
                  },
                  {
                    Effect: 'Allow',
                    Principal: { AWS: `arn:aws:iam::${SOURCE}:root` },
                    Action: ['kms:Decrypt', 'kms:DescribeKey'],
                    Resource: '*',
                    Condition: {
                      StringEquals: {
                        'aws:PrincipalArn': READERS,
                        'kms:ViaService': `dynamodb.${REGION}.amazonaws.com`,
                      },
                    },
                  },
                ],
              },
            },
          },
          Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/things', TargetKeyId: { Ref: 'Key' } } },
          Owned: globalTable('owned', 'aws-owned', readPolicy('owned')),
          Managed: globalTable('managed', 'aws-managed', readPolicy('managed')),
          Cmk: globalTable('cmk', 'cmk', readPolicy('cmk')),
          NoPolicy: globalTable('no-policy', 'aws-owned'),
        },
      },
    });
    for (const table of ['owned', 'managed', 'cmk', 'no-policy']) {
      await admin(TARGET).send(new PutItemCommand({ TableName: table, Item: { id: { S: 'a' }, kind: { S: 'k' } } }));
    }
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('lets the named role of another account Get, Query and Scan, on indexes too', async () => {
    const reader = await as(SOURCE, 'reader');
    const got = await reader.send(new GetItemCommand({ TableName: tableArn('owned'), Key: { id: { S: 'a' } } }));
    const scanned = await reader.send(new ScanCommand({ TableName: tableArn('owned'), IndexName: 'byKind' }));
    const queried = await reader.send(
      new QueryCommand({
        TableName: tableArn('owned'),
        IndexName: 'byKind',
        KeyConditionExpression: 'kind = :k',
        ExpressionAttributeValues: { ':k': { S: 'k' } },
      }),
    );
    expect([got.Item?.id?.S, scanned.Count, queried.Count]).toEqual(['a', 1, 1]);
  });

  it('denies a write the identity policy allows but the table policy does not (cross-account needs both)', async () => {
    const reader = await as(SOURCE, 'reader');
    await expect(
      reader.send(new PutItemCommand({ TableName: tableArn('owned'), Item: { id: { S: 'b' } } })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('because no resource-based policy allows the dynamodb:PutItem action'),
    });
  });

  it('denies another role of the source account, even with dynamodb:* on *', async () => {
    await expect(get(SOURCE, 'ops-admin', 'owned')).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('denies the reader on a table without a resource policy', async () => {
    await expect(get(SOURCE, 'reader', 'no-policy')).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('admits a same-account role named by the table policy without any identity policy (either suffices)', async () => {
    expect((await get(TARGET, 'local-reader', 'owned')).Item?.id?.S).toBe('a');
    await expect(get(TARGET, 'local-reader', 'no-policy')).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('refuses cross-account access to a table under the AWS managed key, though both policies allow', async () => {
    await expect(get(SOURCE, 'reader', 'managed')).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('encrypted with the AWS managed key'),
    });
    // The target account's own admin still reads it.
    const own = await admin(TARGET).send(new GetItemCommand({ TableName: 'managed', Key: { id: { S: 'a' } } }));
    expect(own.Item?.id?.S).toBe('a');
  });

  it('checks kms:Decrypt via DynamoDB in the key policy and the identity policy on a customer managed key', async () => {
    expect((await get(SOURCE, 'reader', 'cmk')).Item?.id?.S).toBe('a');
    await expect(get(SOURCE, 'reader-no-kms', 'cmk')).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringMatching(
        /kms:Decrypt on resource: arn:aws:kms:us-east-1:222222222222:key\/.*no identity-based policy/,
      ),
    });
    // Without a key problem the same role reads the AWS owned table.
    expect((await get(SOURCE, 'reader-no-kms', 'owned')).Item?.id?.S).toBe('a');
  });

  describe('Put/Get/DeleteResourcePolicy', () => {
    it('returns the deployed policy with a revision; a new policy applies to the very next request', async () => {
      const target = admin(TARGET);
      const current = await target.send(new GetResourcePolicyCommand({ ResourceArn: tableArn('owned') }));
      expect(JSON.parse(current.Policy ?? '{}')).toEqual(readPolicy('owned'));

      const put = await target.send(
        new PutResourcePolicyCommand({
          ResourceArn: tableArn('owned'),
          Policy: JSON.stringify(readPolicy('owned', [roleArn(SOURCE, 'reader-no-kms')])),
          ExpectedRevisionId: current.RevisionId,
        }),
      );
      expect(put.RevisionId).not.toBe(current.RevisionId);
      await expect(get(SOURCE, 'reader', 'owned')).rejects.toMatchObject({ name: 'AccessDeniedException' });

      await target.send(
        new PutResourcePolicyCommand({ ResourceArn: tableArn('owned'), Policy: JSON.stringify(readPolicy('owned')) }),
      );
      expect((await get(SOURCE, 'reader', 'owned')).Item?.id?.S).toBe('a');
    });

    it('rejects a stale ExpectedRevisionId, a policy over 20 KB and a malformed policy', async () => {
      const target = admin(TARGET);
      await expect(
        target.send(
          new PutResourcePolicyCommand({
            ResourceArn: tableArn('owned'),
            Policy: JSON.stringify(readPolicy('owned')),
            ExpectedRevisionId: '1',
          }),
        ),
      ).rejects.toMatchObject({ name: 'PolicyNotFoundException' });
      const big = readPolicy('owned', [
        ...READERS,
        ...Array.from({ length: 600 }, (_, i) => roleArn(SOURCE, `role-${i}`)),
      ]);
      await expect(
        target.send(new PutResourcePolicyCommand({ ResourceArn: tableArn('owned'), Policy: JSON.stringify(big) })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining('at most 20480 bytes (20 KB)'),
      });
      await expect(
        target.send(new PutResourcePolicyCommand({ ResourceArn: tableArn('owned'), Policy: '{"Statement": ' })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    });

    it('deletes the policy: the reader is denied at once, and Get answers PolicyNotFoundException', async () => {
      const target = admin(TARGET);
      await target.send(new DeleteResourcePolicyCommand({ ResourceArn: tableArn('cmk') }));
      await expect(get(SOURCE, 'reader', 'cmk')).rejects.toMatchObject({ name: 'AccessDeniedException' });
      await expect(target.send(new GetResourcePolicyCommand({ ResourceArn: tableArn('cmk') }))).rejects.toMatchObject({
        name: 'PolicyNotFoundException',
      });
    });

    it('is a same-account control-plane action: another account cannot read or change the policy', async () => {
      await expect(
        admin(SOURCE).send(new GetResourcePolicyCommand({ ResourceArn: tableArn('owned') })),
      ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    });
  });

  it('refuses at deploy a table policy over 20 KB', async () => {
    const big = readPolicy('huge', [
      ...READERS,
      ...Array.from({ length: 600 }, (_, i) => roleArn(SOURCE, `role-${i}`)),
    ]);
    await expect(
      sandbox.deploy({
        stackName: 'huge',
        account: TARGET,
        region: REGION,
        template: {
          Resources: { LocalReader: role('local-reader-2', []), Huge: globalTable('huge', 'aws-owned', big) },
        },
      }),
    ).rejects.toThrow(/DynamoDB allows at most 20480 bytes \(20 KB\) per resource-based policy/);
  });
});
