import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetResourcePolicyCommand,
} from '@aws-sdk/client-dynamodb';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  accessRoleArn,
  loadStage,
  readerEnvFromStage,
  readerRoleArn,
  sourceIdentity,
  tableArn,
  tableIndexArnPattern,
  type StageInput,
} from '@xacct/config';
import { InfraError } from '@xacct/infra';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult } from './check-result';
import type { Preflights } from './doctor-context';
import { reportSchema } from './report-schema';
import { runDoctor, type DoctorReport } from './run-doctor';

const ROOT = resolve(import.meta.dirname, '../../..');
// config/stages/example.json: an aws stage, source 123456789012 (profile source-admin), target 210987654321 (target-admin).
const stage = loadStage('example', { stagesDir: join(ROOT, 'config/stages') });
const API_URL = 'https://abcdefghij.execute-api.eu-west-1.amazonaws.com/v1/';

const cfn = mockClient(CloudFormationClient);
const dynamodb = mockClient(DynamoDBClient);
const iam = mockClient(IAMClient);
const lambda = mockClient(LambdaClient);
const fetchMock = vi.fn<typeof fetch>();
const savedEnv = { ...process.env };

/** Invoke's Payload as the SDK hands it over: bytes that can also give back their text. */
const blob = (text: string) => Object.assign(Buffer.from(text), { transformToString: () => text });

const sdkError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** A healthy deployed pair, as the AWS APIs would describe it. */
function healthyAws(): void {
  cfn.on(DescribeStacksCommand, { StackName: 'xacct-example-target' }).resolves({
    Stacks: [
      {
        StackName: 'xacct-example-target',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [
          { OutputKey: 'TableArn', OutputValue: tableArn(stage) },
          { OutputKey: 'AccessRoleArn', OutputValue: accessRoleArn(stage) },
        ],
      },
    ],
  });
  cfn.on(DescribeStacksCommand, { StackName: 'xacct-example-source' }).resolves({
    Stacks: [
      {
        StackName: 'xacct-example-source',
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [
          { OutputKey: 'ApiUrl', OutputValue: API_URL },
          { OutputKey: 'ReaderRoleArn', OutputValue: readerRoleArn(stage) },
          { OutputKey: 'FunctionName', OutputValue: 'xacct-example-reader' },
        ],
      },
    ],
  });
  dynamodb.on(DescribeTableCommand).resolves({
    Table: {
      TableName: stage.table.name,
      TableStatus: 'ACTIVE',
      KeySchema: [{ AttributeName: 'deviceId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'deviceId', AttributeType: 'S' }],
      DeletionProtectionEnabled: true,
    },
  });
  dynamodb.on(DescribeContinuousBackupsCommand).resolves({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' },
    },
  });
  const principal = { AWS: `arn:aws:iam::${stage.source.accountId}:root` };
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:PrincipalArn': readerRoleArn(stage), 'sts:ExternalId': stage.externalId } },
      },
      {
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:SetSourceIdentity',
        Condition: {
          StringEquals: { 'aws:PrincipalArn': readerRoleArn(stage), 'sts:SourceIdentity': sourceIdentity(stage) },
        },
      },
    ],
  };
  iam.on(GetRoleCommand).resolves({
    Role: {
      RoleName: stage.roles.accessRoleName,
      Arn: accessRoleArn(stage),
      Path: '/',
      RoleId: 'AROAEXAMPLE',
      CreateDate: new Date(),
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
    },
  });
  iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['ReadTable'], IsTruncated: false });
  iam.on(GetRolePolicyCommand).resolves({
    RoleName: stage.roles.accessRoleName,
    PolicyName: 'ReadTable',
    PolicyDocument: encodeURIComponent(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
            Resource: tableArn(stage),
          },
          { Effect: 'Allow', Action: ['dynamodb:Query', 'dynamodb:Scan'], Resource: tableIndexArnPattern(stage) },
        ],
      }),
    ),
  });
  lambda.on(GetFunctionConfigurationCommand).resolves({
    FunctionName: 'xacct-example-reader',
    Role: readerRoleArn(stage),
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    Environment: { Variables: readerEnvFromStage(stage) },
  });
  lambda.on(InvokeCommand).resolves({
    StatusCode: 200,
    Payload: blob(JSON.stringify({ statusCode: 200, body: '{"items":[],"nextToken":null}' })),
  });
}

/** The deploy preflights as doctor calls them: here each profile resolves to its stage account. */
function preflights(overrides: Partial<Preflights> = {}): Preflights {
  return {
    profileAccount: ({ accountId, profile }) =>
      Promise.resolve({ account: accountId, arn: `arn:aws:sts::${accountId}:assumed-role/Admin/${profile}` }),
    apiGatewayLoggingRole: ({ accountId }) =>
      Promise.resolve(`arn:aws:iam::${accountId}:role/apigateway-cloudwatch-logs`),
    ...overrides,
  };
}

async function doctor(
  given: Preflights = preflights(),
  checkTimeoutMs?: number,
  stagesDir = join(ROOT, 'config/stages'),
): Promise<DoctorReport> {
  const report = await runDoctor({
    stageName: 'example',
    stagesDir,
    workspaceRoot: ROOT,
    endpoint: 'http://127.0.0.1:1',
    preflights: given,
    ...(checkTimeoutMs === undefined ? {} : { checkTimeoutMs }),
  });
  // Every report, whatever happened, is a valid --json document.
  reportSchema.parse(JSON.parse(JSON.stringify(report)));
  return report;
}

const check = (report: DoctorReport, id: number): CheckResult =>
  report.checks.find((c) => c.id === id) ?? ({} as CheckResult);
const statuses = (report: DoctorReport) => report.checks.map((c) => c.status).join(' ');

beforeAll(() => {
  // The profiles resolve from a throwaway shared credentials file: nothing real is read or reached.
  const dir = mkdtempSync(join(tmpdir(), 'doctor-'));
  writeFileSync(
    join(dir, 'credentials'),
    '[source-admin]\naws_access_key_id = AKIAEXAMPLESOURCE\naws_secret_access_key = secret\n' +
      '[target-admin]\naws_access_key_id = AKIAEXAMPLETARGET\naws_secret_access_key = secret\n',
  );
  writeFileSync(join(dir, 'config'), '');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(dir, 'credentials');
  process.env['AWS_CONFIG_FILE'] = join(dir, 'config');
  vi.stubGlobal('fetch', fetchMock);
});

afterAll(() => {
  process.env = savedEnv;
  vi.unstubAllGlobals();
});

beforeEach(() => {
  cfn.reset();
  dynamodb.reset();
  iam.reset();
  lambda.reset();
  fetchMock.mockReset();
  fetchMock.mockResolvedValue(new Response('{"items":[],"nextToken":null}', { status: 200 }));
  healthyAws();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('doctor on an aws stage (SDK clients mocked)', () => {
  it('passes all nine checks of a healthy pair; the API call is SigV4-signed for execute-api with the source profile', async () => {
    // Act
    const report = await doctor();

    // Assert
    expect(statuses(report)).toBe('pass pass pass pass pass pass pass pass pass');
    expect(report).toMatchObject({ stage: 'example', kind: 'aws', ok: true });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(String(url)).toBe(`${API_URL}items?limit=1`);
    expect(String((init?.headers as Record<string, string>)['authorization'])).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLESOURCE\/\d{8}\/eu-west-1\/execute-api\/aws4_request/,
    );
  });

  it('only the target profile works: the source checks are skipped with the reason, and doctor passes', async () => {
    // Arrange
    const given = preflights({
      profileAccount: ({ accountId, label, profile }) =>
        label.startsWith('source')
          ? Promise.reject(sdkError('InfraError', `source side: profile "${profile}" has no usable credentials`))
          : Promise.resolve({ account: accountId, arn: 'arn:aws:sts::210987654321:assumed-role/Admin/x' }),
    });

    // Act
    const report = await doctor(given);

    // Assert
    expect(statuses(report)).toBe('pass pass pass pass pass skip skip skip skip');
    expect(check(report, 2).summary).toContain(
      '(only the target side: profile source-admin cannot be used for 123456789012)',
    );
    expect(check(report, 3).summary).toContain('(source not checked: no credentials)');
    expect(check(report, 8).summary).toBe(
      "skipped (needs the source account's credentials: profile source-admin cannot be used for 123456789012, see check 2)",
    );
    expect(lambda.calls()).toHaveLength(0);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(report.ok).toBe(true);
  });

  it('only the source profile works: the table and access-role checks are skipped', async () => {
    // Arrange
    const given = preflights({
      profileAccount: ({ accountId, label }) =>
        label.startsWith('target')
          ? Promise.reject(sdkError('InfraError', 'target side: expired SSO session'))
          : Promise.resolve({ account: accountId, arn: 'arn:aws:sts::123456789012:assumed-role/Admin/x' }),
    });

    // Act
    const report = await doctor(given);

    // Assert
    expect(statuses(report)).toBe('pass pass pass skip skip pass pass pass pass');
    expect(dynamodb.calls()).toHaveLength(0);
    expect(iam.calls()).toHaveLength(0);
  });

  it('a profile resolving to another account fails check 2 with the pasteable check and skips that side', async () => {
    // Arrange
    const given = preflights({
      profileAccount: ({ accountId, label }) =>
        label.startsWith('target')
          ? Promise.reject(
              new InfraError(
                'PROFILE_WRONG_ACCOUNT',
                'target side of stage example: profile "target-admin" resolves to account 999999999999, but the stage says 210987654321',
              ),
            )
          : Promise.resolve({ account: accountId, arn: 'arn:aws:sts::123456789012:assumed-role/Admin/x' }),
    });

    // Act
    const report = await doctor(given);

    // Assert
    expect(check(report, 2)).toMatchObject({
      status: 'fail',
      summary: 'target credentials resolve to another account',
      cause: expect.stringContaining('resolves to account 999999999999'),
      fix: expect.stringMatching(/^aws sts get-caller-identity --profile target-admin {3}# must show 210987654321/),
    });
    expect(check(report, 4).status).toBe('skip');
    expect(report.ok).toBe(false);
  });

  it('a hung CloudFormation call fails check 3 at its deadline; its dependents are skipped', async () => {
    // Arrange
    cfn.on(DescribeStacksCommand).callsFake(() => new Promise(() => undefined));

    // Act
    const report = await doctor(preflights(), 200);

    // Assert
    expect(check(report, 3)).toMatchObject({ status: 'fail', summary: 'no answer within 0.2 s' });
    expect(statuses(report)).toBe('pass pass fail skip skip skip skip skip pass');
  });

  it('a hung credentials check fails check 2 at its deadline and skips every later check', async () => {
    // Arrange
    const given = preflights({ profileAccount: () => new Promise(() => undefined) });

    // Act
    const report = await doctor(given, 200);

    // Assert
    expect(check(report, 2)).toMatchObject({ status: 'fail', summary: 'no answer within 0.2 s' });
    expect(statuses(report)).toBe('pass fail skip skip skip skip skip skip skip');
    expect(cfn.calls()).toHaveLength(0);
  });

  it('STS unreachable for both profiles: check 2 points at the network, not at new credentials', async () => {
    // Arrange
    const given = preflights({
      profileAccount: ({ label }) =>
        Promise.reject(
          new InfraError(
            'PREFLIGHT_FAILED',
            `${label}: could not check profile "x" for account 1 with STS (TimeoutError: no answer); is the network or proxy up?`,
          ),
        ),
    });

    // Act
    const report = await doctor(given);

    // Assert
    expect(check(report, 2)).toMatchObject({
      status: 'fail',
      summary: 'no profile of the stage has usable credentials',
      fix: expect.stringMatching(/^aws sts get-caller-identity --profile \S+ --region \S+ +# STS did not answer/),
    });
  });

  it('a local sandbox that never answers its admin API fails check 2 at its deadline', async () => {
    // Arrange: the admin API call (fetch) never settles.
    fetchMock.mockImplementation(() => new Promise(() => undefined));

    // Act
    const report = await runDoctor({
      stageName: 'local',
      stagesDir: join(ROOT, 'config/stages'),
      workspaceRoot: ROOT,
      endpoint: 'http://127.0.0.1:4566',
      preflights: preflights(),
      checkTimeoutMs: 200,
    });

    // Assert
    expect(check(report, 2)).toMatchObject({ status: 'fail', summary: 'no answer within 0.2 s' });
    expect(report.ok).toBe(false);
  });

  it('a throttled DescribeTable fails check 4 with the cause; the next calls (check 5) recover', async () => {
    // Arrange
    dynamodb.on(DescribeTableCommand).rejects(sdkError('ThrottlingException', 'Rate exceeded'));

    // Act
    const report = await doctor();

    // Assert
    expect(check(report, 4)).toMatchObject({
      status: 'fail',
      cause: 'ThrottlingException: Rate exceeded',
      fix: expect.stringContaining(
        'aws dynamodb describe-table --table-name xacct-devices --profile target-admin --region eu-west-1',
      ),
    });
    expect(check(report, 5).status).toBe('pass');
  });

  it('expired credentials and a 5xx fail their checks with the SDK error, not a stack trace', async () => {
    // Arrange
    cfn
      .on(DescribeStacksCommand, { StackName: 'xacct-example-source' })
      .rejects(sdkError('ExpiredToken', 'The security token included in the request is expired'));
    iam.on(GetRoleCommand).rejects(sdkError('ServiceFailure', 'Internal failure'));

    // Act
    const report = await doctor();

    // Assert
    expect(check(report, 3)).toMatchObject({
      status: 'fail',
      cause: 'ExpiredToken: The security token included in the request is expired',
    });
    expect(check(report, 5)).toMatchObject({ status: 'fail', cause: 'ServiceFailure: Internal failure' });
    expect(JSON.stringify(report)).not.toMatch(/\n\s+at /);
  });

  it('an env edited by hand on aws: the fix resets it with update-function-configuration (a redeploy would change nothing)', async () => {
    // Arrange
    lambda.on(GetFunctionConfigurationCommand).resolves({
      FunctionName: 'xacct-example-reader',
      Role: readerRoleArn(stage),
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: { Variables: { ...readerEnvFromStage(stage), EXTERNAL_ID: 'edited' } },
    });

    // Act
    const report = await doctor();

    // Assert
    const result = check(report, 6);
    expect(result).toMatchObject({ status: 'fail', cause: "env EXTERNAL_ID differs from the stage's externalId" });
    expect(result.status === 'fail' ? result.fix : '').toMatch(
      /^aws lambda update-function-configuration --function-name xacct-example-reader --environment '\{"Variables":\{.*\}\}' --profile source-admin --region eu-west-1$/,
    );
    expect(result.status === 'fail' ? result.cause : '').not.toContain('edited');
  });

  it('an access role that grants more than the read actions fails check 5', async () => {
    // Arrange
    iam.on(GetRolePolicyCommand).resolves({
      PolicyDocument: encodeURIComponent(
        JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PutItem'],
              Resource: tableArn(stage),
            },
          ],
        }),
      ),
    });

    // Act
    const report = await doctor();

    // Assert
    expect(check(report, 5)).toMatchObject({
      status: 'fail',
      cause: expect.stringContaining(`it also allows dynamodb:PutItem on ${tableArn(stage)}`),
    });
  });

  it('a missing API Gateway logging role fails check 9 with the setup commands as the fix', async () => {
    // Arrange
    const given = preflights({
      apiGatewayLoggingRole: () =>
        Promise.reject(
          new Error(
            'API Gateway in account 123456789012 (eu-west-1) has no CloudWatch Logs role.\n  aws iam create-role …\n  aws apigateway update-account …',
          ),
        ),
    });

    // Act
    const report = await doctor(given);

    // Assert
    expect(check(report, 9)).toMatchObject({
      status: 'fail',
      cause: 'API Gateway in account 123456789012 (eu-west-1) has no CloudWatch Logs role.',
      fix: 'aws iam create-role …\naws apigateway update-account …',
    });
  });

  it('a stack rolled back after a failed create must be destroyed before it can be deployed', async () => {
    // Arrange
    cfn.on(DescribeStacksCommand, { StackName: 'xacct-example-target' }).resolves({
      Stacks: [
        {
          StackName: 'xacct-example-target',
          StackStatus: 'ROLLBACK_COMPLETE',
          CreationTime: new Date(),
          StackStatusReason: 'The following resource(s) failed to create: [Table]',
        },
      ],
    });

    // Act
    const report = await doctor();

    // Assert
    expect(check(report, 3)).toMatchObject({
      status: 'fail',
      summary: 'xacct-example-target is ROLLBACK_COMPLETE',
      fix: expect.stringMatching(
        /^npx nx destroy target-infra --stage example && npx nx deploy target-infra --stage example/,
      ),
    });
  });
});

describe('doctor check 5 on an aws stage in resource-policy mode (SDK clients mocked)', () => {
  // config/stages/example.json switched to resource-policy mode (the AWS owned key, no access role): same stacks.
  const example = JSON.parse(readFileSync(join(ROOT, 'config/stages/example.json'), 'utf8')) as StageInput;
  const { externalId: _externalId, sessionDurationSeconds: _duration, ...rest } = example;
  const rpInput: StageInput = {
    ...rest,
    table: { ...example.table, encryption: 'aws-owned' },
    access: { mode: 'resource-policy' },
    roles: { readerRoleName: example.roles.readerRoleName },
  };
  const stagesDir = mkdtempSync(join(tmpdir(), 'doctor-rp-'));
  writeFileSync(join(stagesDir, 'example.json'), JSON.stringify(rpInput));
  const rpStage = loadStage('example', { stagesDir });
  const sourceRoot = `arn:aws:iam::${rpStage.source.accountId}:root`;
  const reader = readerRoleArn(rpStage);
  /** The table policy target-infra synthesizes for the stage (tableResourcePolicy). */
  const statement = (overrides: Record<string, unknown> = {}) => ({
    Sid: 'ReaderReadsTable',
    Effect: 'Allow',
    Principal: { AWS: sourceRoot },
    Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
    Resource: tableArn(rpStage),
    Condition: { StringEquals: { 'aws:PrincipalArn': reader } },
    ...overrides,
  });
  const policy = (...extra: object[]) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        statement(),
        statement({
          Sid: 'ReaderReadsIndexes',
          Action: ['dynamodb:Query', 'dynamodb:Scan'],
          Resource: tableIndexArnPattern(rpStage),
        }),
        ...extra,
      ],
    });

  beforeEach(() => {
    // The shared healthy pair, with the function env and the table policy of this mode.
    lambda.on(GetFunctionConfigurationCommand).resolves({
      FunctionName: 'xacct-example-reader',
      Role: reader,
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: { Variables: readerEnvFromStage(rpStage) },
    });
    dynamodb.on(GetResourcePolicyCommand).resolves({ Policy: policy(), RevisionId: '1' });
  });

  it('passes on the policy target-infra writes, read with GetResourcePolicy on the table ARN; no IAM call', async () => {
    // Act
    const report = await doctor(preflights(), undefined, stagesDir);

    // Assert
    expect(statuses(report)).toBe('pass pass pass pass pass pass pass pass pass');
    expect(check(report, 5).summary).toBe(
      `the table policy of xacct-devices admits only ${reader}: GetItem/Query/Scan on the table, Query/Scan on its indexes`,
    );
    expect(dynamodb.commandCalls(GetResourcePolicyCommand)[0]?.args[0].input).toEqual({
      ResourceArn: tableArn(rpStage),
    });
    expect(iam.calls()).toHaveLength(0);
  });

  it('with a customer managed key, the pass says the key policy is not checked and how to read it', async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'doctor-cmk-'));
    writeFileSync(
      join(dir, 'example.json'),
      JSON.stringify({ ...rpInput, table: { ...rpInput.table, encryption: 'customer-managed' } }),
    );

    // Act
    const report = await doctor(preflights(), undefined, dir);

    // Assert
    expect(check(report, 5)).toMatchObject({
      status: 'pass',
      summary: expect.stringContaining('(the KMS key policy is not checked: the sandbox has no KMS API'),
    });
  });

  it('a table without a policy (PolicyNotFoundException) fails with the cause and the redeploy', async () => {
    // Arrange
    dynamodb
      .on(GetResourcePolicyCommand)
      .rejects(sdkError('PolicyNotFoundException', 'Resource-based policy not found for the provided ResourceArn'));

    // Act
    const report = await doctor(preflights(), undefined, stagesDir);

    // Assert
    expect(check(report, 5)).toEqual({
      id: 5,
      name: 'access grant (role trust and permissions, table policy)',
      status: 'fail',
      summary: 'table xacct-devices has no resource policy',
      cause: `DynamoDB in 210987654321 has no resource policy on ${tableArn(rpStage)}, so the reader role ${reader} cannot read it across accounts`,
      fix: 'npx nx deploy target-infra --stage example   # writes the table policy the stage derives',
    });
    expect(report.ok).toBe(false);
  });

  it('a broad policy fails: any principal without the condition, and a write action', async () => {
    // Arrange
    dynamodb.on(GetResourcePolicyCommand).resolves({
      Policy: policy(
        { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: tableArn(rpStage) },
        statement({ Sid: 'Writes', Action: 'dynamodb:PutItem' }),
      ),
    });

    // Act
    const result = check(await doctor(preflights(), undefined, stagesDir), 5);

    // Assert
    expect(result.status).toBe('fail');
    const cause = result.status === 'fail' ? result.cause : '';
    expect(cause).toContain(
      `statement Everyone admits * with no aws:PrincipalArn condition (only ${reader} may read the table)`,
    );
    expect(cause).toContain(`it also allows dynamodb:PutItem on ${tableArn(rpStage)} (read-only is the contract)`);
  });

  it('a policy naming another role fails: the reader is not admitted and the other role is named', async () => {
    // Arrange
    const other = `arn:aws:iam::${rpStage.source.accountId}:role/someone-else`;
    dynamodb.on(GetResourcePolicyCommand).resolves({
      Policy: JSON.stringify({
        Statement: [statement({ Condition: { StringEquals: { 'aws:PrincipalArn': other } } })],
      }),
    });

    // Act
    const result = check(await doctor(preflights(), undefined, stagesDir), 5);

    // Assert
    expect(result).toMatchObject({
      status: 'fail',
      summary: 'the resource policy of xacct-devices does not match the stage',
      cause: expect.stringContaining(`statement ReaderReadsTable admits ${sourceRoot} if aws:PrincipalArn is ${other}`),
    });
    expect(result.status === 'fail' ? result.cause : '').toContain(`no statement admits the reader role ${reader}`);
  });

  it('a throttled GetResourcePolicy fails with the SDK error and the AWS CLI command; the next checks recover', async () => {
    // Arrange
    dynamodb.on(GetResourcePolicyCommand).rejects(sdkError('ThrottlingException', 'Rate exceeded'));

    // Act
    const report = await doctor(preflights(), undefined, stagesDir);

    // Assert
    expect(check(report, 5)).toMatchObject({
      status: 'fail',
      summary: 'cannot read the resource policy of xacct-devices',
      cause: 'ThrottlingException: Rate exceeded',
      fix: `aws dynamodb get-resource-policy --resource-arn ${tableArn(rpStage)} --profile target-admin --region eu-west-1   # the target credentials need dynamodb:GetResourcePolicy`,
    });
    expect(statuses(report)).toBe('pass pass pass pass fail pass pass pass pass');
  });

  it('a hung GetResourcePolicy fails check 5 at its deadline; the later checks still run', async () => {
    // Arrange
    dynamodb.on(GetResourcePolicyCommand).callsFake(() => new Promise(() => undefined));

    // Act
    const report = await doctor(preflights(), 200, stagesDir);

    // Assert
    expect(check(report, 5)).toMatchObject({ status: 'fail', summary: 'no answer within 0.2 s' });
    expect(statuses(report)).toBe('pass pass pass pass fail pass pass pass pass');
  });

  it('while switching modes (both grants) both are checked: a healthy role does not hide a missing table policy', async () => {
    // Arrange
    const both = {
      ...example,
      table: { ...example.table, encryption: 'aws-owned' },
      access: { mode: 'assume-role', grants: ['assume-role', 'resource-policy'] },
    };
    const dir = mkdtempSync(join(tmpdir(), 'doctor-both-'));
    writeFileSync(join(dir, 'example.json'), JSON.stringify(both));
    lambda.on(GetFunctionConfigurationCommand).resolves({
      FunctionName: 'xacct-example-reader',
      Role: reader,
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: { Variables: readerEnvFromStage(loadStage('example', { stagesDir: dir })) },
    });
    dynamodb.on(GetResourcePolicyCommand).rejects(sdkError('PolicyNotFoundException', 'not found'));

    // Act
    const report = await doctor(preflights(), undefined, dir);

    // Assert
    expect(check(report, 5)).toMatchObject({ status: 'fail', summary: 'table xacct-devices has no resource policy' });
    expect(iam.commandCalls(GetRoleCommand)).toHaveLength(1);
  });
});
