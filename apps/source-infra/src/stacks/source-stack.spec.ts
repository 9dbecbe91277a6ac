import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStage, parseStage, READ_API_ROUTES, type Stage } from '@xacct/config';
import { buildSourceApp } from '../build-source-app';
import { SourceInfraError } from '../errors';
import { apiMethodsOf, nagFindings } from '@xacct/infra-common';
import type { SourceStack } from './source-stack';

function synth(stage: Stage): { app: App; stack: SourceStack; template: Template } {
  const app = new App();
  const stack = buildSourceApp(app, stage);
  return { app, stack, template: Template.fromStack(stack) };
}

function logicalId(stack: SourceStack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

const local = loadStage('local');

/** The API's methods keyed `GET /items/{key}`. */
const methodsByPath = (template: Template) => apiMethodsOf(template.toJSON());

describe('SourceStack (stage local)', () => {
  let stack: SourceStack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = synth(local));
  });

  it('is named after the stage and pinned to the source account and region', () => {
    expect(stack.stackName).toBe('xacct-local-source');
    expect(stack.account).toBe('111111111111');
    expect(stack.region).toBe('us-east-1');
  });

  it('holds the function, its role, two log groups, the API, and no separate, managed or account-wide extras', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.resourceCountIs('AWS::ApiGateway::Method', 3);
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    template.resourceCountIs('AWS::Lambda::Permission', 3);
  });

  it('runs the reader bundle on Node.js 24, arm64, with explicit memory, a timeout below 29 s and active tracing', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'xacct-local-reader',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'main.handler',
      MemorySize: 256,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logicalId(stack, stack.logGroup) } },
      Role: { 'Fn::GetAtt': [logicalId(stack, stack.readerRole.role), 'Arn'] },
    });
  });

  it('sets exactly the reader env the config contract derives from the stage', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          ACCESS_MODE: 'assume-role',
          TARGET_ROLE_ARN: 'arn:aws:iam::222222222222:role/xacct-devices-access',
          EXTERNAL_ID: 'local-sandbox-external-id',
          SOURCE_IDENTITY: 'xacct-devices-reader',
          TABLE_NAME: 'xacct-devices',
          TARGET_REGION: 'us-east-1',
          PARTITION_KEY_NAME: 'deviceId',
          PARTITION_KEY_TYPE: 'S',
          SESSION_DURATION_SECONDS: '3600',
        },
      },
    });
  });

  it('keeps both log groups for 30 days', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.map((g) => (g as { Properties: { RetentionInDays: number } }).Properties.RetentionInDays)).toEqual([
      30, 30,
    ]);
  });

  it('gives the reader role, trusted by Lambda only, exactly AssumeRole+SetSourceIdentity on the access role, its own logs and X-Ray', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(1);
    const props = (roles[0] as { Properties: Record<string, unknown> }).Properties;
    expect(props['RoleName']).toBe('xacct-devices-reader');
    expect(props['ManagedPolicyArns']).toBeUndefined();
    expect(props['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
    });
    expect(props['Policies']).toEqual([
      {
        PolicyName: 'Reader',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AssumeAccessRole',
              Effect: 'Allow',
              Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
              Resource: 'arn:aws:iam::222222222222:role/xacct-devices-access',
            },
            {
              Sid: 'WriteOwnLogs',
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: { 'Fn::GetAtt': [logicalId(stack, stack.logGroup), 'Arn'] },
            },
            {
              Sid: 'WriteTraces',
              Effect: 'Allow',
              Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
              Resource: '*',
            },
          ],
        },
      },
    ]);
  });

  it('requires IAM (SigV4) auth on every method', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
    expect(methods).toHaveLength(3);
    for (const method of methods) {
      expect((method as { Properties: { AuthorizationType: string } }).Properties.AuthorizationType).toBe('AWS_IAM');
    }
  });

  it('builds one validated method per route of the route table, declaring its path and query parameters', () => {
    const validatorId = logicalId(stack, stack.api.api.node.findChild('Validator'));
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestParameters: true,
      ValidateRequestBody: true,
    });
    const methods = methodsByPath(template);
    expect(Object.keys(methods).sort()).toEqual(READ_API_ROUTES.map((route) => `GET ${route.path}`).sort());
    for (const method of Object.values(methods)) expect(method.RequestValidatorId).toEqual({ Ref: validatorId });
    const query = (names: string[]) =>
      Object.fromEntries(names.map((name) => [`method.request.querystring.${name}`, false]));
    const sortKeyConditions = ['skBeginsWith', 'skFrom', 'skTo', 'order'];
    expect(methods['GET /items']?.RequestParameters).toEqual(
      query(['limit', 'nextToken', 'segment', 'totalSegments', 'fields', 'consistent', 'format']),
    );
    expect(methods['GET /items/{key}']?.RequestParameters).toEqual({
      'method.request.path.key': true,
      ...query(['sk', ...sortKeyConditions, 'limit', 'nextToken', 'fields', 'consistent', 'format']),
    });
    expect(methods['GET /indexes/{index}/items/{key}']?.RequestParameters).toEqual({
      'method.request.path.index': true,
      'method.request.path.key': true,
      ...query([...sortKeyConditions, 'limit', 'nextToken', 'fields', 'format']),
    });
    expect(methods['GET /items']?.OperationName).toBe('listItems');
  });

  it('throttles the stage as the stage file says, traces it, logs execution errors without data, and writes JSON access logs', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      MethodSettings: [
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        },
      ],
      AccessLogSetting: {
        // The log group's ARN without the `:*` suffix (feature flag @aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard).
        DestinationArn: {
          'Fn::Join': [
            '',
            ['arn:aws:logs:us-east-1:111111111111:log-group:', { Ref: logicalId(stack, stack.api.accessLogs) }],
          ],
        },
        Format: Match.stringLikeRegexp('^\\{"requestId":"\\$context.requestId"'),
      },
    });
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0] as {
      Properties: { AccessLogSetting: { Format: string } };
    };
    expect(JSON.parse(stage.Properties.AccessLogSetting.Format)).toMatchObject({
      status: '$context.status',
      userArn: '$context.identity.userArn',
      errorMessage: '$context.error.message',
    });
  });

  it('scopes each Lambda permission to this API, its stage and its method', () => {
    const apiId = logicalId(stack, stack.api.api);
    const stageId = logicalId(stack, stack.api.api.deploymentStage);
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map(
      (p) => (p as { Properties: Record<string, unknown> }).Properties,
    );
    const sourceArn = (route: string): unknown => ({
      'Fn::Join': ['', ['arn:aws:execute-api:us-east-1:111111111111:', { Ref: apiId }, '/', { Ref: stageId }, route]],
    });
    // CDK writes each path parameter as `*`.
    expect(permissions).toEqual(
      ['/GET/items', '/GET/items/*', '/GET/indexes/*/items/*'].map((route) => ({
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [logicalId(stack, stack.reader.function), 'Arn'] },
        SourceArn: sourceArn(route),
      })),
    );
  });

  it('answers API Gateway refusals in the reader error shape', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseTemplates: {
        'application/json': Match.stringLikeRegexp('"code":"\\$context.error.responseType"'),
      },
    });
  });

  it('outputs the API URL, the reader role ARN and the function name', () => {
    const apiId = logicalId(stack, stack.api.api);
    template.hasOutput('ApiUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith(['https://', { Ref: apiId }])] },
    });
    template.hasOutput('ReaderRoleArn', Match.anyValue());
    template.hasOutput('FunctionName', Match.anyValue());
    expect(Object.keys(template.toJSON().Outputs as object).sort()).toEqual([
      'ApiUrl',
      'FunctionName',
      'ReaderRoleArn',
    ]);
  });
});

describe('SourceStack (other stage shapes)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('takes throttling from the stage file', () => {
    const stage = parseStage({ ...local, api: { auth: 'iam', throttling: { rateLimit: 7, burstLimit: 13 } } }, 'test');
    const { template } = synth(stage);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 7, ThrottlingBurstLimit: 13 })],
    });
  });

  it('reserves no concurrency by default, and lambda.reservedConcurrency when the stage sets it', () => {
    const fn = (t: Template): Record<string, unknown> =>
      (Object.values(t.findResources('AWS::Lambda::Function'))[0] as { Properties: Record<string, unknown> })
        .Properties;
    expect(fn(synth(local).template)['ReservedConcurrentExecutions']).toBeUndefined();
    const reserved = parseStage({ ...local, lambda: { reservedConcurrency: 20 } }, 'test');
    expect(fn(synth(reserved).template)['ReservedConcurrentExecutions']).toBe(20);
  });

  it('declares the same methods whatever the table keys (the reader rejects a parameter that does not apply)', () => {
    const stage = parseStage({ ...local, table: { ...local.table, sortKey: { name: 'ts', type: 'N' } } }, 'test');
    const { template } = synth(stage);
    expect(methodsByPath(template)).toEqual(methodsByPath(synth(local).template));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SORT_KEY_NAME: 'ts', SORT_KEY_TYPE: 'N' }) },
    });
  });

  it('with api.auth "none" opens every method, warns at synth, and stays nag-clean through explicit acknowledgements', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stage = parseStage({ ...local, api: { ...local.api, auth: 'none' } }, 'test');

    const { app, stack, template } = synth(stage);

    for (const method of Object.values(template.findResources('AWS::ApiGateway::Method'))) {
      expect((method as { Properties: { AuthorizationType: string } }).Properties.AuthorizationType).toBe('NONE');
    }
    Annotations.fromStack(stack).hasWarning('/Source/Api', Match.stringLikeRegexp('api.auth is "none".*PUBLIC'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('PUBLIC (no SigV4)'));
    expect(nagFindings(app)).toEqual([]);
  });

  it('fails with READER_BUNDLE_MISSING and the build command when the reader bundle is absent', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-bundle-'));
    try {
      const act = (): unknown => buildSourceApp(new App(), local, { readerBundleDir: empty });
      expect(act).toThrow(SourceInfraError);
      expect(act).toThrow(/main\.mjs not found: build the reader first with `npx nx build reader`/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('SourceStack (access mode resource-policy)', () => {
  const rp = loadStage('local-resource-policy');
  const table = 'arn:aws:dynamodb:us-east-1:222222222222:table/xacct-rp-devices';
  const policyOf = (stage: Stage) => {
    const { template } = synth(stage);
    const role = Object.values(template.findResources('AWS::IAM::Role'))[0] as {
      Properties: { Policies: Array<{ PolicyDocument: { Statement: Array<Record<string, unknown>> } }> };
    };
    return { template, statements: role.Properties.Policies[0]?.PolicyDocument.Statement ?? [] };
  };

  it('gives the reader role the read actions on the target table and its indexes, and no STS', () => {
    const { statements, template } = policyOf(rp);
    expect(statements.map((s) => s['Sid'])).toEqual([
      'ReadTargetTable',
      'ReadTargetIndexes',
      'WriteOwnLogs',
      'WriteTraces',
    ]);
    expect(statements[0]).toEqual({
      Sid: 'ReadTargetTable',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
      Resource: table,
    });
    expect(statements[1]).toEqual({
      Sid: 'ReadTargetIndexes',
      Effect: 'Allow',
      Action: ['dynamodb:Query', 'dynamodb:Scan'],
      Resource: `${table}/index/*`,
    });
    expect(JSON.stringify(statements)).not.toContain('sts:');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          ACCESS_MODE: 'resource-policy',
          TABLE_NAME: 'xacct-rp-devices',
          TABLE_ARN: table,
          TARGET_REGION: 'us-east-1',
          PARTITION_KEY_NAME: 'deviceId',
          PARTITION_KEY_TYPE: 'S',
        },
      },
    });
  });

  it('adds kms:Decrypt on the target account keys, only via DynamoDB, for a customer managed key', () => {
    const { statements } = policyOf(parseStage({ ...rp, table: { ...rp.table, encryption: 'customer-managed' } }, 't'));
    expect(statements).toContainEqual({
      Sid: 'DecryptTargetTableViaDynamoDB',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: 'arn:aws:kms:us-east-1:222222222222:key/*',
      Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } },
    });
  });

  it('may use both grants while switching modes', () => {
    const local = loadStage('local');
    const both = parseStage(
      {
        ...local,
        table: { ...local.table, encryption: 'aws-owned' },
        access: { mode: 'resource-policy', grants: ['assume-role', 'resource-policy'] },
      },
      't',
    );
    const { statements } = policyOf(both);
    expect(statements.map((s) => s['Sid'])).toEqual([
      'AssumeAccessRole',
      'ReadTargetTable',
      'ReadTargetIndexes',
      'WriteOwnLogs',
      'WriteTraces',
    ]);
  });
});
