import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { INDEX_READ_ACTIONS, READ_ACTIONS } from '@xacct/config';

/** A table in another account, read directly (the resource-policy mode). */
export interface TargetTableAccess {
  readonly tableArn: string;
  /** When the table has a customer managed key: the account, region and partition of the key. */
  readonly customerManagedKey?: { readonly accountId: string; readonly region: string; readonly partition: string };
}

export interface ReaderRoleProps {
  /** Physical role name: the target account's trust policy names this role's ARN, so it must be stable. */
  readonly roleName: string;
  /**
   * The one role in the target account the reader may assume (access mode assume-role).
   * @default - none: the reader may assume no role
   */
  readonly accessRoleArn?: string;
  /**
   * The target table the reader reads with its own credentials (access mode resource-policy); the table's resource
   * policy must admit this role too.
   * @default - none: the reader may read no table directly
   */
  readonly targetTable?: TargetTableAccess;
  /** ARN of the function's log group (`...:log-group:<name>:*`); the only log group the role may write. */
  readonly logGroupArn: string;
  /**
   * Grant the X-Ray writes that active tracing needs.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * @default - a description naming the access role
   */
  readonly description?: string;
}

/**
 * The reader Lambda's execution role. Scoped inline policies replace AWSLambdaBasicExecutionRole
 * (which may write to every log group in the account).
 */
export class ReaderRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ReaderRoleProps) {
    super(scope, id);
    const statements: PolicyStatement[] = [];
    if (props.accessRoleArn !== undefined) {
      // SetSourceIdentity: the reader sets SourceIdentity on AssumeRole, which STS authorizes as a second action.
      statements.push(
        new PolicyStatement({
          sid: 'AssumeAccessRole',
          actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
          resources: [props.accessRoleArn],
        }),
      );
    }
    if (props.targetTable !== undefined) statements.push(...tableStatements(props.targetTable));
    statements.push(
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [props.logGroupArn],
      }),
    );
    if (props.tracing ?? true) {
      // X-Ray has no resource-level permissions for these actions: "*" is the narrowest possible.
      statements.push(
        new PolicyStatement({
          sid: 'WriteTraces',
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      );
    }
    this.role = new Role(this, 'Role', {
      roleName: props.roleName,
      description:
        props.description ??
        `Reader Lambda; may ${[
          ...(props.accessRoleArn ? [`assume ${props.accessRoleArn}`] : []),
          ...(props.targetTable ? [`read ${props.targetTable.tableArn}`] : []),
        ].join(' and ')} only`,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: { Reader: new PolicyDocument({ statements }) },
    });
  }
}

/** Read-only on the table and its indexes; with a customer managed key, kms:Decrypt through DynamoDB only. */
function tableStatements(table: TargetTableAccess): PolicyStatement[] {
  const statements = [
    new PolicyStatement({ sid: 'ReadTargetTable', actions: [...READ_ACTIONS], resources: [table.tableArn] }),
    new PolicyStatement({
      sid: 'ReadTargetIndexes',
      actions: [...INDEX_READ_ACTIONS],
      resources: [`${table.tableArn}/index/*`],
    }),
  ];
  const key = table.customerManagedKey;
  if (key !== undefined) {
    // The key's id does not exist until target-infra creates it; its key policy is what pins the principal.
    statements.push(
      new PolicyStatement({
        sid: 'DecryptTargetTableViaDynamoDB',
        actions: ['kms:Decrypt'],
        resources: [`arn:${key.partition}:kms:${key.region}:${key.accountId}:key/*`],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${key.region}.amazonaws.com` } },
      }),
    );
  }
  return statements;
}
