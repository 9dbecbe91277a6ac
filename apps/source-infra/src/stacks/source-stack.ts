import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { accessRoleArn, readerEnvFromStage, stackName, type Stage } from '@xacct/config';
import { ReaderApi } from '../constructs/reader-api';
import { ReaderFunction } from '../constructs/reader-function';
import { ReaderRole } from '../constructs/reader-role';
import { defaultReaderBundleDir } from '../default-reader-bundle-dir';

export interface SourceStackProps extends StackProps {
  /** The validated stage; account, region and every name come from it. */
  readonly stage: Stage;
  /**
   * Directory of the reader's esbuild bundle.
   * @default dist/apps/reader (what `nx build reader` writes)
   */
  readonly readerBundleDir?: string;
}

/** The source account's side: the reader Lambda, its role, and the REST API in front of it. */
export class SourceStack extends Stack {
  readonly logGroup: LogGroup;
  readonly readerRole: ReaderRole;
  readonly reader: ReaderFunction;
  readonly api: ReaderApi;

  constructor(scope: Construct, id: string, props: SourceStackProps) {
    const { stage } = props;
    super(scope, id, {
      stackName: stackName(stage, 'source'),
      description: `Cross-account reader, source side (stage ${stage.name}): reader Lambda, role ${stage.roles.readerRoleName}, REST API`,
      analyticsReporting: false,
      ...props,
      env: { account: stage.source.accountId, region: stage.source.region },
    });

    this.logGroup = new LogGroup(this, 'ReaderLogs', { retention: RetentionDays.ONE_MONTH });
    this.readerRole = new ReaderRole(this, 'ReaderRole', {
      roleName: stage.roles.readerRoleName,
      accessRoleArn: accessRoleArn(stage),
      logGroupArn: this.logGroup.logGroupArn,
    });
    const xrayOnly =
      'Resource "*" only for xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing), which support no resource-level permissions; every other statement names one ARN.';
    Validations.of(this.readerRole.role).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: xrayOnly },
      { id: 'Serverless-LambdaStarPermissions', reason: xrayOnly },
    );

    this.reader = new ReaderFunction(this, 'Reader', {
      bundleDir: props.readerBundleDir ?? defaultReaderBundleDir(),
      functionName: `xacct-${stage.name}-reader`,
      // The function must not add statements of its own: the role's inline policy is the whole grant.
      role: this.readerRole.role.withoutPolicyUpdates(),
      logGroup: this.logGroup,
      environment: readerEnvFromStage(stage),
      reservedConcurrentExecutions: stage.lambda?.reservedConcurrency,
    });
    Validations.of(this.reader.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked synchronously by API Gateway only: the caller receives every error, there is no asynchronous event to retry or park.',
    });

    this.api = new ReaderApi(this, 'Api', {
      handler: this.reader.function,
      auth: stage.api.auth,
      throttling: stage.api.throttling,
      sortKey: stage.table.sortKey !== undefined,
      restApiName: `xacct-${stage.name}-reader`,
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.api.url,
      description: 'Base URL; GET <url>items, <url>items/{key}',
    });
    new CfnOutput(this, 'ReaderRoleArn', {
      value: this.readerRole.role.roleArn,
      description: "The role the target account's trust names",
    });
    new CfnOutput(this, 'FunctionName', { value: this.reader.function.functionName });
  }
}
