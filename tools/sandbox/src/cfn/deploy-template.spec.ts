import { GetItemCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { creds, dynamoClient } from '../test-support/clients';
import { tableAndRoleTemplate } from '../test-fixtures/table-and-role';

const ACCOUNT = '222222222222';
const REGION = 'us-east-1';

describe('deployTemplate / destroyStack', () => {
  let sandbox: Sandbox;
  const deploy = (template: unknown, stackName = 'things') =>
    sandbox.deploy({ template, stackName, account: ACCOUNT, region: REGION });
  const readerSession = () =>
    creds(sandbox.context.iam.issueSession(sandbox.context.iam.getRole(ACCOUNT, 'things-reader')!, 's', 900));
  const admin = () => dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials(ACCOUNT)));

  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  it('creates the table, the role and the attached policy, resolves outputs, ignores CDK metadata with a reason', async () => {
    // Act
    const result = await deploy(tableAndRoleTemplate());
    // Assert
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(result.resources.map((r) => [r.logicalId, r.action])).toEqual([
      ['Table', 'created'],
      ['Role', 'created'],
      ['ScanPolicy', 'created'],
    ]);
    expect(result.ignored).toEqual([
      { logicalId: 'CDKMetadata', type: 'AWS::CDK::Metadata', reason: 'CDK usage metadata, no effect' },
    ]);
    expect(result.outputs).toEqual({
      TableArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/things`,
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/things-reader`,
    });
    expect(result.notes.join('\n')).toMatch(/Rules not evaluated: CheckBootstrapVersion/);
    const client = dynamoClient(sandbox.endpoint, readerSession());
    await expect(client.send(new ScanCommand({ TableName: 'things' }))).resolves.toMatchObject({ Count: 0 });
  });

  it('a redeploy with a changed policy takes effect for existing sessions without a restart', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate({ actions: ['dynamodb:GetItem'] }));
    const client = dynamoClient(sandbox.endpoint, readerSession());
    const put = () => client.send(new PutItemCommand({ TableName: 'things', Item: { id: { S: '1' } } }));
    await expect(put()).rejects.toMatchObject({ name: 'AccessDeniedException' });
    // Act
    const result = await deploy(tableAndRoleTemplate({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'] }));
    // Assert
    expect(result.status).toBe('UPDATE_COMPLETE');
    await expect(put()).resolves.toBeDefined();
  });

  it('an update adds a GSI and a later one removes it', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate());
    await admin().send(new PutItemCommand({ TableName: 'things', Item: { id: { S: '1' }, kind: { S: 'k' } } }));
    // Act
    const added = await deploy(tableAndRoleTemplate({ gsi: true }));
    const query = await admin().send(
      new QueryCommand({
        TableName: 'things',
        IndexName: 'byKind',
        KeyConditionExpression: 'kind = :k',
        ExpressionAttributeValues: { ':k': { S: 'k' } },
      }),
    );
    const removed = await deploy(tableAndRoleTemplate({ gsi: false }));
    // Assert
    expect(added.notes).toContain('Table: index byKind created.');
    expect(query.Count).toBe(1);
    expect(removed.notes).toContain('Table: index byKind deleted.');
  });

  it('renaming a role replaces it: the new one exists, the old one is deleted after the update', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate());
    // Act
    await deploy(tableAndRoleTemplate({ roleName: 'things-reader-2' }));
    // Assert
    expect(sandbox.context.iam.getRole(ACCOUNT, 'things-reader')).toBeUndefined();
    expect(sandbox.context.iam.getRole(ACCOUNT, 'things-reader-2')?.attachedPolicies).toHaveProperty([
      `${ACCOUNT}/things/ScanPolicy`,
    ]);
  });

  it('applies AWS::IAM::ManagedPolicy through ManagedPolicyArns and through its Roles, and removes it on destroy', async () => {
    // Arrange
    const trust = { Version: '2012-10-17', Statement: [] };
    const allow = (action: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
    });
    const template = {
      Resources: {
        Scan: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: allow('dynamodb:Scan') } },
        ViaArn: {
          Type: 'AWS::IAM::Role',
          Properties: { RoleName: 'via-arn', AssumeRolePolicyDocument: trust, ManagedPolicyArns: [{ Ref: 'Scan' }] },
        },
        ViaRoles: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'via-roles', AssumeRolePolicyDocument: trust } },
        Get: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            ManagedPolicyName: 'get',
            PolicyDocument: allow('dynamodb:GetItem'),
            Roles: [{ Ref: 'ViaRoles' }],
          },
        },
      },
      Outputs: { GetArn: { Value: { Ref: 'Get' } } },
    };
    const session = (roleName: string) =>
      dynamoClient(
        sandbox.endpoint,
        creds(sandbox.context.iam.issueSession(sandbox.context.iam.getRole(ACCOUNT, roleName)!, 's', 900)),
      );
    // Act
    const result = await deploy(template, 'managed');
    const scan = await session('via-arn')
      .send(new ScanCommand({ TableName: 'nothing' }))
      .catch((e: { name: string }) => e.name);
    const get = await session('via-roles')
      .send(new GetItemCommand({ TableName: 'nothing', Key: { id: { S: 'x' } } }))
      .catch((e: { name: string }) => e.name);
    await sandbox.destroy({ stackName: 'managed', account: ACCOUNT, region: REGION });
    // Assert
    expect(result.outputs).toEqual({ GetArn: `arn:aws:iam::${ACCOUNT}:policy/get` });
    expect(result.notes.join('\n')).not.toContain('not known to the sandbox');
    expect({ scan, get }).toEqual({ scan: 'ResourceNotFoundException', get: 'ResourceNotFoundException' });
    expect(sandbox.context.iam.knowsManagedPolicy(`arn:aws:iam::${ACCOUNT}:policy/get`)).toBe(false);
  });

  it('lists unsupported types and what depends on them, and skips outputs that need them', async () => {
    // Arrange
    const template = {
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
            Policies: [
              {
                PolicyName: 'q',
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
                  ],
                },
              },
            ],
          },
        },
      },
      Outputs: { QueueUrl: { Value: { Ref: 'Queue' } } },
    };
    // Act
    const result = await deploy(template, 'mixed');
    // Assert
    expect(result.unsupported).toEqual([
      { logicalId: 'Queue', type: 'AWS::SQS::Queue', reason: 'no sandbox handler for this type' },
      { logicalId: 'Role', type: 'AWS::IAM::Role', reason: 'depends on Queue, which was not applied' },
    ]);
    expect(result.outputs).toEqual({});
    expect(result.notes.join('\n')).toContain('Output QueueUrl skipped');
  });

  it('a generated role name follows CloudFormation’s <stack>-<logicalId>-<suffix> pattern and is kept on update', async () => {
    // Arrange
    const template = {
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } },
        },
      },
    };
    // Act
    const first = await deploy(template, 'gen');
    const second = await deploy(template, 'gen');
    // Assert
    expect(first.resources[0]?.physicalId).toMatch(/^gen-R-[A-Z2-7]{12}$/);
    expect(second.resources[0]?.physicalId).toBe(first.resources[0]?.physicalId);
  });

  it('destroy deletes roles and policies but keeps a Retain table with its items', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate());
    await admin().send(new PutItemCommand({ TableName: 'things', Item: { id: { S: 'kept' } } }));
    // Act
    const result = await sandbox.destroy({ stackName: 'things', account: ACCOUNT, region: REGION });
    // Assert
    expect(result.deleted.map((r) => r.logicalId)).toEqual(['ScanPolicy', 'Role']);
    expect(result.retained.map((r) => r.logicalId)).toEqual(['Table']);
    expect(sandbox.context.iam.getRole(ACCOUNT, 'things-reader')).toBeUndefined();
    await expect(
      admin().send(new GetItemCommand({ TableName: 'things', Key: { id: { S: 'kept' } } })),
    ).resolves.toMatchObject({ Item: { id: { S: 'kept' } } });
  });

  it('a redeploy after destroy reports the retained table as adopted, not created', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate());
    await sandbox.destroy({ stackName: 'things', account: ACCOUNT, region: REGION });
    // Act
    const result = await deploy(tableAndRoleTemplate());
    const again = await deploy(tableAndRoleTemplate());
    // Assert
    expect(result.resources.map((r) => [r.logicalId, r.action])).toEqual([
      ['Table', 'adopted'],
      ['Role', 'created'],
      ['ScanPolicy', 'created'],
    ]);
    expect(result.notes.join('\n')).toContain('table things already existed');
    expect(again.resources[0]).toMatchObject({ logicalId: 'Table', action: 'updated' });
    expect(sandbox.context.stacks.get(ACCOUNT, REGION, 'things')?.resources[0]).not.toHaveProperty('adopted');
  });

  it('destroy deletes a table without Retain', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate({ retainTable: false }));
    // Act
    await sandbox.destroy({ stackName: 'things', account: ACCOUNT, region: REGION });
    // Assert
    await expect(admin().send(new ScanCommand({ TableName: 'things' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('destroy of a stack that is not deployed is a no-op success naming the deployed ones', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate());
    // Act
    const result = await sandbox.destroy({ stackName: 'nope', account: ACCOUNT, region: REGION });
    // Assert
    expect(result).toMatchObject({ stackName: 'nope', status: 'NOT_DEPLOYED', deleted: [], retained: [] });
    expect(result.notes).toEqual([
      'nope: not deployed, nothing to destroy (account 222222222222, region us-east-1; deployed stacks: things (222222222222, us-east-1)).',
    ]);
    expect(sandbox.context.stacks.list().map((s) => s.stackName)).toEqual(['things']);
  });

  it('destroy can be re-run after a completed teardown', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate());
    const first = await sandbox.destroy({ stackName: 'things', account: ACCOUNT, region: REGION });
    // Act
    const second = await sandbox.destroy({ stackName: 'things', account: ACCOUNT, region: REGION });
    // Assert
    expect(first.status).toBe('DELETE_COMPLETE');
    expect(second).toMatchObject({ status: 'NOT_DEPLOYED', deleted: [], retained: [] });
  });

  it('a resource that fails stops the deploy with a StackError; what was applied can still be destroyed', async () => {
    // Arrange
    const template = {
      Resources: {
        Good: {
          Type: 'AWS::IAM::Role',
          Properties: { RoleName: 'good', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } },
        },
        Bad: {
          Type: 'AWS::IAM::Policy',
          DependsOn: 'Good',
          Properties: {
            PolicyName: 'p',
            PolicyDocument: { Version: '2012-10-17', Statement: [] },
            Roles: ['missing-role'],
          },
        },
      },
    };
    // Act
    const error = await deploy(template, 'partial').catch((e: unknown) => e);
    await sandbox.destroy({ stackName: 'partial', account: ACCOUNT, region: REGION });
    // Assert
    expect(error).toMatchObject({
      code: 'StackError',
      message: expect.stringContaining(
        'applying Bad (AWS::IAM::Policy) failed: Bad: the role with name missing-role cannot be found',
      ),
    });
    expect(sandbox.context.iam.getRole(ACCOUNT, 'good')).toBeUndefined();
  });

  it('refuses a trust policy naming a role that does not exist, as IAM does', async () => {
    // Arrange
    const template = {
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: 'trusts-ghost',
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: 'arn:aws:iam::111111111111:role/ghost' },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
          },
        },
      },
    };
    // Act
    const error = await deploy(template, 'ghost').catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({
      code: 'StackError',
      message: expect.stringContaining(
        'MalformedPolicyDocument: Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:role/ghost"',
      ),
    });
    expect(sandbox.context.iam.getRole(ACCOUNT, 'trusts-ghost')).toBeUndefined();
  });

  it('changing the key schema of a named table is refused as CloudFormation would', async () => {
    // Arrange
    await deploy(tableAndRoleTemplate());
    const template = tableAndRoleTemplate() as { Resources: { Table: { Properties: Record<string, unknown> } } };
    template.Resources.Table.Properties.KeySchema = [{ AttributeName: 'kind', KeyType: 'HASH' }];
    // Act / Assert
    await expect(deploy(template)).rejects.toThrow(/key schema of things cannot change/);
  });

  it('deletion protection makes a Delete-policy table undeletable, as in AWS', async () => {
    // Arrange
    const template = tableAndRoleTemplate({ retainTable: false }) as {
      Resources: { Table: { Properties: Record<string, unknown> } };
    };
    template.Resources.Table.Properties.DeletionProtectionEnabled = true;
    await deploy(template);
    // Act / Assert
    await expect(sandbox.destroy({ stackName: 'things', account: ACCOUNT, region: REGION })).rejects.toThrow(
      /deletion protection is enabled/,
    );
  });

  it('skips resources whose Condition is false', async () => {
    // Arrange
    const template = {
      Parameters: { Enabled: { Type: 'String', Default: 'no' } },
      Conditions: { On: { 'Fn::Equals': [{ Ref: 'Enabled' }, 'yes'] } },
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Condition: 'On',
          Properties: { RoleName: 'conditional', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } },
        },
      },
    };
    // Act
    const off = await deploy(template, 'cond');
    const on = await sandbox.deploy({
      template,
      stackName: 'cond',
      account: ACCOUNT,
      region: REGION,
      parameters: { Enabled: 'yes' },
    });
    // Assert
    expect(off.resources).toEqual([]);
    expect(on.resources.map((r) => r.physicalId)).toEqual(['conditional']);
  });

  describe('broken templates get a TemplateError that says what is wrong', () => {
    it.each([
      ['not an object', [], /must be a JSON object/],
      ['no Resources', { Outputs: {} }, /no Resources object/],
      ['a resource without Type', { Resources: { R: {} } }, /Resources\.R has no Type/],
      [
        'a circular dependency',
        { Resources: { A: { Type: 'AWS::IAM::Role', DependsOn: 'B' }, B: { Type: 'AWS::IAM::Role', DependsOn: 'A' } } },
        /Circular dependency between resources: A -> B -> A/,
      ],
      [
        'DependsOn an unknown resource',
        { Resources: { A: { Type: 'AWS::IAM::Role', DependsOn: 'Nope' } } },
        /DependsOn names 'Nope'/,
      ],
      [
        'a Ref to nothing',
        {
          Resources: {
            A: {
              Type: 'AWS::IAM::Role',
              Properties: { RoleName: { Ref: 'Ghost' }, AssumeRolePolicyDocument: { Statement: [] } },
            },
          },
        },
        /Unresolved reference 'Ghost'/,
      ],
      [
        'an unknown attribute',
        {
          Resources: {
            T: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } },
            U: {
              Type: 'AWS::IAM::Role',
              Properties: { RoleName: { 'Fn::GetAtt': ['T', 'Nope'] }, AssumeRolePolicyDocument: { Statement: [] } },
            },
          },
        },
        /AWS::IAM::Role has no attribute 'Nope'/,
      ],
      [
        'a malformed policy',
        {
          Resources: {
            R: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Maybe', Action: 'sts:AssumeRole', Principal: '*' }],
                },
              },
            },
          },
        },
        /MalformedPolicyDocument: R\.AssumeRolePolicyDocument/,
      ],
      [
        'a parameter without value',
        { Parameters: { P: { Type: 'String' } }, Resources: {} },
        /Parameter P has no Default/,
      ],
    ])('%s', async (_name, template, message) => {
      // Act / Assert
      await expect(deploy(template, 'broken')).rejects.toThrow(message);
    });

    it('an unreadable template file names the synth command', async () => {
      // Act / Assert
      await expect(deploy('/nonexistent/Target.template.json')).rejects.toThrow(
        /Cannot read template file .* Run the synth first/,
      );
    });
  });
});
