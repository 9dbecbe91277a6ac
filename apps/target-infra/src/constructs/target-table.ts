import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import type { PolicyDocument } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { KeyAttribute } from '@xacct/config';

export interface TargetTableProps {
  /** Physical table name; the reader's env and the access role's policy name it. */
  readonly tableName: string;
  readonly partitionKey: KeyAttribute;
  /**
   * @default - no sort key
   */
  readonly sortKey?: KeyAttribute;
  /**
   * Continuous backups for the last 35 days.
   * @default true
   */
  readonly pointInTimeRecovery?: boolean;
  /**
   * Blocks DeleteTable, including from a CloudFormation stack deletion.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * What happens to the table when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Encryption at rest.
   * @default TableEncryptionV2.awsManagedKey() (the account's aws/dynamodb KMS key, visible in CloudTrail)
   */
  readonly encryption?: TableEncryptionV2;
  /**
   * The table's resource-based policy (in the props: `addToResourcePolicy` has no effect in some CDK versions).
   * @default - none (access only through IAM roles of the target account)
   */
  readonly resourcePolicy?: PolicyDocument;
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING };
}

/** The table the reader reads: on-demand, protected against loss by default (PITR, deletion protection, RETAIN). */
export class TargetTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: TargetTableProps) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: attribute(props.partitionKey),
      ...(props.sortKey ? { sortKey: attribute(props.sortKey) } : {}),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery ?? true },
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      encryption: props.encryption ?? TableEncryptionV2.awsManagedKey(),
      ...(props.resourcePolicy ? { resourcePolicy: props.resourcePolicy } : {}),
    });
  }
}
