export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
const HANDLER = `
let calls = 0;
exports.handler = async (event) => {
  calls += 1;
  return { statusCode: 200, body: JSON.stringify({ path: event.path, calls, color: process.env.COLOR, key: event.pathParameters ? event.pathParameters.key : undefined }) };
};`;

/** A small API stack like CDK's LambdaRestApi (GET /hello, GET /hello/{key}), inline code so no cloud assembly is needed. */
export function helloApiTemplate(
  options: {
    trustService?: string;
    env?: Record<string, string>;
    permission?: boolean;
    code?: unknown;
    runtime?: string;
  } = {},
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
        Runtime: options.runtime ?? 'nodejs20.x',
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
