import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface ReaderRoleProps {
  /** Physical role name: the target account's trust policy names this role's ARN, so it must be stable. */
  readonly roleName: string;
  /** The one role in the target account the reader may assume. */
  readonly accessRoleArn: string;
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
    const statements = [
      // SetSourceIdentity: the reader sets SourceIdentity on AssumeRole, which STS authorizes as a second action.
      new PolicyStatement({
        sid: 'AssumeAccessRole',
        actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
        resources: [props.accessRoleArn],
      }),
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [props.logGroupArn],
      }),
    ];
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
      description: props.description ?? `Reader Lambda; may assume ${props.accessRoleArn} only`,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: { Reader: new PolicyDocument({ statements }) },
    });
  }
}
