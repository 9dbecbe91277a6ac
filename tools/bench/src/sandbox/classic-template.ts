import { readerEnvFromStage, readerRoleArn, type Stage } from '@xacct/config';

export interface ClassicTemplateInput {
  readonly stage: Stage;
  /** The asset directory holding the classic bundle as `main.mjs`, relative to the assembly directory. */
  readonly assetPath: string;
  /** The S3 key the assembly's asset manifest publishes the asset under. */
  readonly objectKey: string;
  /** Copied from the reader's function so both run under the same limits. */
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeout: number;
}

/**
 * A small CloudFormation template for the classic baseline, shaped like CDK's output: the function (same runtime,
 * memory, timeout, environment and execution role as the reader, since the target trusts only the reader role),
 * and a REST API with `GET /items` under AWS_IAM, a proxy integration, the invoke permission and a stage. Written
 * by hand rather than synthesized: the baseline is bench scaffolding, not infrastructure anyone deploys.
 */
export function classicTemplate(input: ClassicTemplateInput): Record<string, unknown> {
  const { stage } = input;
  const region = stage.source.region;
  const account = stage.source.accountId;
  return {
    Resources: {
      ClassicFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: 'xacct-classic-reader',
          Code: { S3Bucket: `cdk-hnb659fds-assets-${account}-${region}`, S3Key: input.objectKey },
          Handler: 'main.handler',
          Runtime: input.runtime,
          MemorySize: input.memorySize,
          Timeout: input.timeout,
          Role: readerRoleArn(stage),
          Environment: { Variables: readerEnvFromStage(stage) },
        },
        Metadata: { 'aws:asset:path': input.assetPath, 'aws:asset:is-bundled': false, 'aws:asset:property': 'Code' },
      },
      ClassicApi: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'xacct-classic-api' } },
      ClassicItems: {
        Type: 'AWS::ApiGateway::Resource',
        Properties: {
          ParentId: { 'Fn::GetAtt': ['ClassicApi', 'RootResourceId'] },
          PathPart: 'items',
          RestApiId: { Ref: 'ClassicApi' },
        },
      },
      ClassicItemsGet: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          HttpMethod: 'GET',
          AuthorizationType: 'AWS_IAM',
          ResourceId: { Ref: 'ClassicItems' },
          RestApiId: { Ref: 'ClassicApi' },
          Integration: {
            Type: 'AWS_PROXY',
            IntegrationHttpMethod: 'POST',
            Uri: {
              'Fn::Join': [
                '',
                [
                  `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/`,
                  { 'Fn::GetAtt': ['ClassicFunction', 'Arn'] },
                  '/invocations',
                ],
              ],
            },
          },
        },
      },
      ClassicInvokePermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': ['ClassicFunction', 'Arn'] },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: {
            'Fn::Join': ['', [`arn:aws:execute-api:${region}:${account}:`, { Ref: 'ClassicApi' }, '/*/GET/items']],
          },
        },
      },
      ClassicDeployment: {
        Type: 'AWS::ApiGateway::Deployment',
        Properties: { RestApiId: { Ref: 'ClassicApi' } },
        DependsOn: ['ClassicItemsGet'],
      },
      ClassicStage: {
        Type: 'AWS::ApiGateway::Stage',
        Properties: {
          RestApiId: { Ref: 'ClassicApi' },
          DeploymentId: { Ref: 'ClassicDeployment' },
          StageName: stage.name,
          MethodSettings: [
            {
              HttpMethod: '*',
              ResourcePath: '/*',
              ThrottlingRateLimit: stage.api.throttling.rateLimit,
              ThrottlingBurstLimit: stage.api.throttling.burstLimit,
            },
          ],
        },
      },
    },
    Outputs: {
      ApiId: { Value: { Ref: 'ClassicApi' } },
      FunctionName: { Value: { Ref: 'ClassicFunction' } },
    },
  };
}
