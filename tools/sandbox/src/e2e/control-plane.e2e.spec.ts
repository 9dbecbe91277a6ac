import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteTableCommand, DescribeContinuousBackupsCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { accessRoleArn, readerEnvFromStage, readerRoleArn, sourceIdentity, stackName } from '@xacct/config';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creds, dynamoClient } from '../test-support/clients';
import { ReaderStack } from './reader-stack';

const awsCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

describe('control-plane APIs (SDK clients and the AWS CLI against both real templates)', () => {
  let stack: ReaderStack;
  let target: AwsCredentialIdentity;
  let source: AwsCredentialIdentity;
  let readerSession: AwsCredentialIdentity;
  const client = <T>(Client: new (config: object) => T, credentials: AwsCredentialIdentity): T =>
    new Client({ endpoint: stack.sandbox.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

  beforeAll(async () => {
    stack = await ReaderStack.start();
    await stack.deployTarget();
    await stack.deploySource();
    target = creds(stack.sandbox.adminCredentials(stack.stage.target.accountId));
    source = creds(stack.sandbox.adminCredentials(stack.stage.source.accountId));
    // The reader's execution role: allowed to assume the access role, nothing in IAM, CloudFormation or Lambda.
    readerSession = creds(
      await stack.sandbox.context.assumeRoleAsService(readerRoleArn(stack.stage), 'lambda.amazonaws.com', 'probe'),
    );
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('CloudFormation (awsQuery)', () => {
    it('DescribeStacks returns the status and the outputs of a stack of the caller account', async () => {
      // Act
      const { Stacks } = await client(CloudFormationClient, target).send(
        new DescribeStacksCommand({ StackName: stackName(stack.stage, 'target') }),
      );

      // Assert
      expect(Stacks).toHaveLength(1);
      expect(Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
      expect(Stacks?.[0]?.CreationTime).toBeInstanceOf(Date);
      expect(Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]))).toEqual({
        TableArn: `arn:aws:dynamodb:us-east-1:${stack.stage.target.accountId}:table/${stack.stage.table.name}`,
        AccessRoleArn: accessRoleArn(stack.stage),
      });
    });

    it("DescribeStacks of a stack that is not in the caller's account is ValidationError 'does not exist'", async () => {
      // Act
      const error = await client(CloudFormationClient, source)
        .send(new DescribeStacksCommand({ StackName: stackName(stack.stage, 'target') }))
        .catch((e: unknown) => e);

      // Assert
      expect(error).toMatchObject({
        name: 'ValidationError',
        message: 'Stack with id xacct-local-target does not exist',
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('ListStacks lists the account stacks and applies StackStatusFilter', async () => {
      // Act
      const all = await client(CloudFormationClient, source).send(new ListStacksCommand({}));
      const failed = await client(CloudFormationClient, source).send(
        new ListStacksCommand({ StackStatusFilter: ['UPDATE_FAILED'] }),
      );

      // Assert
      expect(all.StackSummaries?.map((s) => [s.StackName, s.StackStatus])).toEqual([
        ['xacct-local-source', 'CREATE_COMPLETE'],
      ]);
      expect(failed.StackSummaries).toEqual([]);
    });

    it('is denied to a principal without cloudformation:DescribeStacks, with AWS message', async () => {
      // Act
      const error = await client(CloudFormationClient, readerSession)
        .send(new DescribeStacksCommand({}))
        .catch((e: unknown) => e);

      // Assert
      expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      expect((error as Error).message).toMatch(
        /^User: arn:aws:sts::111111111111:assumed-role\/xacct-devices-reader\/probe is not authorized to perform: cloudformation:DescribeStacks on resource: \* because no identity-based policy allows/,
      );
    });
  });

  describe('IAM (awsQuery, URL-encoded policy documents)', () => {
    it('GetRole returns the trust policy URL-encoded, as IAM does', async () => {
      // Act
      const { Role } = await client(IAMClient, target).send(
        new GetRoleCommand({ RoleName: stack.stage.roles.accessRoleName }),
      );

      // Assert
      expect(Role?.Arn).toBe(accessRoleArn(stack.stage));
      expect(Role?.AssumeRolePolicyDocument).toMatch(/^%7B%22/);
      const trust = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')) as {
        Statement: Array<{ Action: string; Condition: { StringEquals: Record<string, string> } }>;
      };
      expect(trust.Statement.find((s) => s.Action === 'sts:AssumeRole')?.Condition.StringEquals).toEqual({
        'aws:PrincipalArn': readerRoleArn(stack.stage),
        'sts:ExternalId': stack.stage.externalId,
        'sts:SourceIdentity': sourceIdentity(stack.stage),
      });
    });

    it('ListRolePolicies and GetRolePolicy return the inline policies (AWS::IAM::Policy ones included)', async () => {
      // Arrange
      const iam = client(IAMClient, target);

      // Act
      const { PolicyNames } = await iam.send(
        new ListRolePoliciesCommand({ RoleName: stack.stage.roles.accessRoleName }),
      );
      const policy = await iam.send(
        new GetRolePolicyCommand({ RoleName: stack.stage.roles.accessRoleName, PolicyName: PolicyNames?.[0] }),
      );

      // Assert
      expect(PolicyNames).toHaveLength(1);
      const document = JSON.parse(decodeURIComponent(policy.PolicyDocument ?? '')) as { Statement: unknown[] };
      expect(document.Statement).toContainEqual(
        expect.objectContaining({ Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'] }),
      );
    });

    it('answers NoSuchEntity (404) for a role of another account and AccessDenied without iam:GetRole', async () => {
      // Act
      const missing = await client(IAMClient, source)
        .send(new GetRoleCommand({ RoleName: stack.stage.roles.accessRoleName }))
        .catch((e: unknown) => e);
      const denied = await client(IAMClient, readerSession)
        .send(new GetRoleCommand({ RoleName: stack.stage.roles.readerRoleName }))
        .catch((e: unknown) => e);

      // Assert
      expect(missing).toMatchObject({
        name: 'NoSuchEntityException',
        message: 'The role with name xacct-devices-access cannot be found.',
        $metadata: { httpStatusCode: 404 },
      });
      expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    });
  });

  describe('Lambda (REST-JSON)', () => {
    const functionName = 'xacct-local-reader';

    it('GetFunctionConfiguration reports the env, role, runtime and architecture the template set', async () => {
      // Act
      const config = await client(LambdaClient, source).send(
        new GetFunctionConfigurationCommand({ FunctionName: functionName }),
      );

      // Assert
      expect(config).toMatchObject({
        FunctionName: functionName,
        Role: readerRoleArn(stack.stage),
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Environment: { Variables: readerEnvFromStage(stack.stage) },
        TracingConfig: { Mode: 'Active' },
        State: 'Active',
      });
    });

    it('Invoke (RequestResponse) runs the function and returns its payload', async () => {
      // Arrange
      const event = { httpMethod: 'GET', path: '/items', resource: '/items', queryStringParameters: { limit: '1' } };

      // Act
      const result = await client(LambdaClient, source).send(
        new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(event)) }),
      );

      // Assert
      expect(result.StatusCode).toBe(200);
      expect(result.FunctionError).toBeUndefined();
      const payload = JSON.parse(Buffer.from(result.Payload ?? []).toString()) as { statusCode: number };
      expect(payload.statusCode).toBe(200);
    });

    it('a crashing invocation answers 200 with X-Amz-Function-Error and the error payload', async () => {
      // Act
      const result = await client(LambdaClient, source).send(
        new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from('null') }),
      );

      // Assert
      expect(result.StatusCode).toBe(200);
      expect(result.FunctionError).toBe('Unhandled');
      expect(JSON.parse(Buffer.from(result.Payload ?? []).toString())).toMatchObject({ errorType: 'TypeError' });
    });

    it('Invoke answers 400 InvalidRequestContentException for a payload that is not JSON, and DryRun only authorizes', async () => {
      // Act
      const bad = await client(LambdaClient, source)
        .send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from('not json') }))
        .catch((e: unknown) => e);
      const dryRun = await client(LambdaClient, source).send(
        new InvokeCommand({ FunctionName: functionName, InvocationType: 'DryRun' }),
      );

      // Assert
      expect(bad).toMatchObject({ name: 'InvalidRequestContentException', $metadata: { httpStatusCode: 400 } });
      expect(dryRun.StatusCode).toBe(204);
    });

    it('is ResourceNotFound in another account and AccessDeniedException without lambda:InvokeFunction', async () => {
      // Act
      const missing = await client(LambdaClient, target)
        .send(new GetFunctionConfigurationCommand({ FunctionName: functionName }))
        .catch((e: unknown) => e);
      const denied = await client(LambdaClient, readerSession)
        .send(new InvokeCommand({ FunctionName: functionName }))
        .catch((e: unknown) => e);

      // Assert
      expect(missing).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
      expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
      expect((denied as Error).message).toContain('is not authorized to perform: lambda:InvokeFunction');
    });
  });

  describe('DynamoDB settings from the template', () => {
    it('DescribeTable reports deletion protection and DescribeContinuousBackups PITR as the template set them', async () => {
      // Arrange
      const dynamodb = dynamoClient(stack.sandbox.endpoint, target);

      // Act
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: stack.stage.table.name }));
      const backups = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: stack.stage.table.name }));

      // Assert
      expect(Table?.DeletionProtectionEnabled).toBe(true);
      expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe(
        'ENABLED',
      );
    });

    it('DeleteTable of the protected table fails as DynamoDB answers it, and the table stays', async () => {
      // Arrange
      const dynamodb = dynamoClient(stack.sandbox.endpoint, target);

      // Act
      const refused = await dynamodb
        .send(new DeleteTableCommand({ TableName: stack.stage.table.name }))
        .catch((e: unknown) => e);
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: stack.stage.table.name }));

      // Assert
      expect(refused).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
      expect((refused as Error).message).toContain('protected against deletion');
      expect(Table?.TableStatus).toBe('ACTIVE');
    });

    it('DescribeContinuousBackups of a missing table is TableNotFoundException; denied without the action', async () => {
      // Act
      const missing = await dynamoClient(stack.sandbox.endpoint, target)
        .send(new DescribeContinuousBackupsCommand({ TableName: 'no-such-table' }))
        .catch((e: unknown) => e);
      const denied = await dynamoClient(stack.sandbox.endpoint, readerSession)
        .send(new DescribeContinuousBackupsCommand({ TableName: stack.stage.table.name }))
        .catch((e: unknown) => e);

      // Assert
      expect(missing).toMatchObject({ name: 'TableNotFoundException', message: 'Table not found: no-such-table' });
      expect(denied).toMatchObject({ name: 'AccessDeniedException' });
    });
  });

  it('a failed update leaves the stack in UPDATE_FAILED with the reason (no rollback, as --no-rollback)', async () => {
    // Arrange: a policy for a role that does not exist fails to apply.
    const broken = {
      Resources: {
        Broken: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'p',
            Roles: ['no-such-role'],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
            },
          },
        },
      },
    };
    const name = 'xacct-failing';
    await stack.sandbox.deploy({
      template: { Resources: {} },
      stackName: name,
      account: '333333333333',
      region: 'us-east-1',
    });

    // Act
    await expect(
      stack.sandbox.deploy({ template: broken, stackName: name, account: '333333333333', region: 'us-east-1' }),
    ).rejects.toThrow(/applying Broken/);
    const { Stacks } = await client(CloudFormationClient, creds(stack.sandbox.adminCredentials('333333333333'))).send(
      new DescribeStacksCommand({ StackName: name }),
    );

    // Assert
    expect(Stacks?.[0]).toMatchObject({
      StackStatus: 'UPDATE_FAILED',
      StackStatusReason: expect.stringContaining('Broken'),
    });
  });

  it.skipIf(!awsCli)('the AWS CLI works against it: aws cloudformation describe-stacks --endpoint-url', async () => {
    // Arrange
    const keys = stack.sandbox.adminCredentials(stack.stage.target.accountId);

    // Act
    // Asynchronously: the sandbox answering it runs in this process.
    const run = await promisify(execFile)(
      'aws',
      [
        'cloudformation',
        'describe-stacks',
        '--stack-name',
        'xacct-local-target',
        '--endpoint-url',
        stack.sandbox.endpoint,
        '--output',
        'json',
      ],
      {
        encoding: 'utf8',
        timeout: 20_000,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '',
          AWS_ACCESS_KEY_ID: keys.accessKeyId,
          AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
    );

    // Assert
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as { Stacks: Array<{ StackStatus: string; Outputs: unknown[] }> };
    expect(output.Stacks[0]?.StackStatus).toBe('CREATE_COMPLETE');
    expect(output.Stacks[0]?.Outputs).toHaveLength(2);
  });
});
