import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  accessRoleArn,
  grantsAccess,
  partitionOfRegion,
  READ_API_ROUTES,
  readerEnvFromStage,
  stackName,
  tableArn,
  type Stage,
} from '@xacct/config';
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
    // Both grants only while switching modes: the reader role may then use either (README, "switching modes").
    const viaPolicy = grantsAccess(stage, 'resource-policy');
    this.readerRole = new ReaderRole(this, 'ReaderRole', {
      roleName: stage.roles.readerRoleName,
      ...(grantsAccess(stage, 'assume-role') ? { accessRoleArn: accessRoleArn(stage) } : {}),
      ...(viaPolicy
        ? {
            targetTable: {
              tableArn: tableArn(stage),
              ...(stage.table.encryption === 'customer-managed'
                ? {
                    customerManagedKey: {
                      accountId: stage.target.accountId,
                      region: stage.target.region,
                      partition: partitionOfRegion(stage.target.region),
                    },
                  }
                : {}),
            },
          }
        : {}),
      logGroupArn: this.logGroup.logGroupArn,
    });
    const xrayOnly =
      'Resource "*" only for xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing), which support no resource-level permissions; every other statement names one ARN or one table\'s indexes/one account\'s keys (acknowledged separately).';
    Validations.of(this.readerRole.role).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: xrayOnly },
      { id: 'Serverless-LambdaStarPermissions', reason: xrayOnly },
    );
    if (viaPolicy) {
      Validations.of(this.readerRole.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${tableArn(stage)}/index/*]`,
        reason:
          'Query/Scan on the indexes of the one target table: index names are not known to this stack, and the wildcard cannot reach another table.',
      });
      if (stage.table.encryption === 'customer-managed') {
        Validations.of(this.readerRole.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:${partitionOfRegion(stage.target.region)}:kms:${stage.target.region}:${stage.target.accountId}:key/*]`,
          reason:
            "kms:Decrypt on the target account's keys only through DynamoDB (kms:ViaService): the key id does not exist before target-infra creates it, and the key policy names this role.",
        });
      }
    }

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
      restApiName: `xacct-${stage.name}-reader`,
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.api.url,
      description: `Base URL of the read API (routes: ${READ_API_ROUTES.map((route) => route.path).join(', ')})`,
    });
    new CfnOutput(this, 'ReaderRoleArn', {
      value: this.readerRole.role.roleArn,
      description: "The role the target account's trust names",
    });
    new CfnOutput(this, 'FunctionName', { value: this.reader.function.functionName });
  }
}
