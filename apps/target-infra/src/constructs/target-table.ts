import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
  type Attribute,
  type GlobalSecondaryIndexPropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { PolicyDocument } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { KeyAttribute, StageIndex } from '@xacct/config';

export interface TargetTableProps {
  /** Physical table name; the reader's env and the access role's policy name it. */
  readonly tableName: string;
  readonly partitionKey: KeyAttribute;
  /**
   * @default - no sort key
   */
  readonly sortKey?: KeyAttribute;
  /**
   * Global secondary indexes (the stage's `table.indexes`), on-demand like the table.
   * @default - none
   */
  readonly indexes?: readonly StageIndex[];
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

/**
 * An index's CloudFormation shape. Key attributes are always projected, so an include list drops them (a stage may
 * name them for readability); nothing left to include is KEYS_ONLY.
 */
function globalSecondaryIndex(index: StageIndex, table: TargetTableProps): GlobalSecondaryIndexPropsV2 {
  const keys = { indexName: index.name, partitionKey: attribute(index.partitionKey) };
  const withSort = index.sortKey ? { ...keys, sortKey: attribute(index.sortKey) } : keys;
  if (index.projection === 'ALL') return { ...withSort, projectionType: ProjectionType.ALL };
  const keyNames = new Set(
    [table.partitionKey, table.sortKey, index.partitionKey, index.sortKey].flatMap((k) => (k ? [k.name] : [])),
  );
  const nonKeyAttributes =
    index.projection === 'KEYS_ONLY' ? [] : [...new Set(index.projection.include)].filter((a) => !keyNames.has(a));
  return nonKeyAttributes.length === 0
    ? { ...withSort, projectionType: ProjectionType.KEYS_ONLY }
    : { ...withSort, projectionType: ProjectionType.INCLUDE, nonKeyAttributes };
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
      globalSecondaryIndexes: (props.indexes ?? []).map((index) => globalSecondaryIndex(index, props)),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery ?? true },
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      encryption: props.encryption ?? TableEncryptionV2.awsManagedKey(),
      ...(props.resourcePolicy ? { resourcePolicy: props.resourcePolicy } : {}),
    });
  }
}
