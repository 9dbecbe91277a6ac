import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signedFetch } from '../../api-gateway/signed-fetch';
import { startSandbox, type Sandbox } from '../../start-sandbox';
import { lambdaApiServices } from './lambda-api-services';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const HANDLER = `
let calls = 0;
exports.handler = async (event) => {
  calls += 1;
  return { statusCode: 200, body: JSON.stringify({ path: event.path, calls, color: process.env.COLOR, key: event.pathParameters ? event.pathParameters.key : undefined }) };
};`;

/** A small API stack like CDK's LambdaRestApi, with inline code so no cloud assembly is needed. */
function template(
  options: { trustService?: string; env?: Record<string, string>; permission?: boolean; code?: unknown } = {},
) {
  const resources: Record<string, unknown> = {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'hello-role',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Principal: { Service: options.trustService ?? 'lambda.amazonaws.com' },
            },
          ],
        },
      },
    },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'hello',
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Code: options.code ?? { ZipFile: HANDLER },
        Environment: { Variables: options.env ?? { COLOR: 'blue' } },
      },
    },
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'hello-api' } },
    Hello: {
      Type: 'AWS::ApiGateway::Resource',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] },
        PathPart: 'hello',
      },
    },
    Key: {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'Hello' }, PathPart: '{key}' },
    },
    HelloGet: method('Hello'),
    KeyGet: method('Key'),
    Deployment: {
      Type: 'AWS::ApiGateway::Deployment',
      Properties: { RestApiId: { Ref: 'Api' } },
      DependsOn: ['HelloGet', 'KeyGet'],
    },
    Stage: {
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        RestApiId: { Ref: 'Api' },
        DeploymentId: { Ref: 'Deployment' },
        StageName: 'dev',
        MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 100 }],
      },
    },
  };
  if (options.permission !== false) {
    resources['Permission'] = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] },
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Join': ['', [`arn:aws:execute-api:${REGION}:${ACCOUNT}:`, { Ref: 'Api' }, '/*/GET/hello*']] },
      },
    };
  }
  return { Resources: resources };
}

function method(resource: string) {
  return {
    Type: 'AWS::ApiGateway::Method',
    Properties: {
      RestApiId: { Ref: 'Api' },
      ResourceId: { Ref: resource },
      HttpMethod: 'GET',
      AuthorizationType: 'NONE',
      Integration: {
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
        Uri: {
          'Fn::Join': [
            '',
            [
              `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/`,
              { 'Fn::GetAtt': ['Fn', 'Arn'] },
              '/invocations',
            ],
          ],
        },
      },
    },
  };
}

const running: Sandbox[] = [];

async function sandboxWith(options: { dataDir?: string } = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, log: () => undefined, ...options });
  running.push(sandbox);
  return sandbox;
}

function deploy(sandbox: Sandbox, body: unknown) {
  return sandbox.deploy({ template: body, stackName: 'hello', account: ACCOUNT, region: REGION });
}

function helloUrl(sandbox: Sandbox): string {
  const api = lambdaApiServices(sandbox.context).apis.listRestApis()[0];
  return `${sandbox.endpoint}/restapis/${api?.apiId ?? 'none'}/dev/_user_request_/hello`;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

describe('Lambda and API Gateway resource handlers', () => {
  it('applies the function, API, permission and stage: the stage serves the function', async () => {
    // Arrange
    const sandbox = await sandboxWith();

    // Act
    const result = await deploy(sandbox, template());
    const root = await signedFetch(helloUrl(sandbox));
    const child = await signedFetch(`${helloUrl(sandbox)}/k%201`);

    // Assert
    expect(result.unsupported).toEqual([]);
    expect(root.status).toBe(200);
    expect(root.json).toEqual({ path: '/hello', calls: 1, color: 'blue' });
    expect(child.json).toEqual({ path: '/hello/k 1', calls: 2, color: 'blue', key: 'k 1' });
  });

  it('answers 500 when no permission lets API Gateway invoke the function', async () => {
    const sandbox = await sandboxWith();
    await deploy(sandbox, template({ permission: false }));

    const response = await signedFetch(helloUrl(sandbox));

    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'Internal server error' });
  });

  it('refuses a function whose role Lambda cannot assume, as CreateFunction does', async () => {
    const sandbox = await sandboxWith();

    const failure = await deploy(sandbox, template({ trustService: 'ec2.amazonaws.com' })).catch(
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({
      message: expect.stringContaining('cannot be assumed by Lambda: arn:aws:iam::111111111111:role/hello-role'),
    });
  });

  it('refuses reserved environment variables and S3 code without a cloud assembly', async () => {
    const sandbox = await sandboxWith();

    const reserved = await deploy(sandbox, template({ env: { AWS_REGION: 'eu-west-1' } })).catch(
      (error: unknown) => error,
    );
    const s3 = await deploy(sandbox, template({ code: { S3Bucket: 'b', S3Key: 'k.zip' } })).catch(
      (error: unknown) => error,
    );

    expect(reserved).toMatchObject({
      message: expect.stringContaining('Reserved keys used in this request: AWS_REGION'),
    });
    expect(s3).toMatchObject({ message: expect.stringContaining('the sandbox has no S3') });
  });

  it('replaces the warm worker on a redeploy, and removes function and API on destroy', async () => {
    const sandbox = await sandboxWith();
    await deploy(sandbox, template());
    await signedFetch(helloUrl(sandbox));
    const url = helloUrl(sandbox);

    await deploy(sandbox, template({ env: { COLOR: 'green' } }));
    const redeployed = await signedFetch(url);
    await sandbox.destroy({ stackName: 'hello', account: ACCOUNT, region: REGION });
    const destroyed = await signedFetch(url);

    expect(redeployed.json).toEqual({ path: '/hello', calls: 1, color: 'green' });
    expect(destroyed.status).toBe(404);
    expect(lambdaApiServices(sandbox.context).lambda.list()).toEqual([]);
  });

  it('serves the same API after a restart from --data-dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-restore-'));
    const first = await sandboxWith({ dataDir });
    await deploy(first, template());
    const url = helloUrl(first).replace(first.endpoint, '');
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await sandboxWith({ dataDir });
    const response = await signedFetch(`${second.endpoint}${url}`);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ path: '/hello', calls: 1, color: 'blue' });
  });
});
