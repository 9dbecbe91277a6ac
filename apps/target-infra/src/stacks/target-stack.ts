import { CfnOutput, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import {
  accessRoleArn,
  grantsAccess,
  partitionOfRegion,
  readerRoleArn,
  sourceIdentity,
  stackName,
  tableArn,
  type Stage,
} from '@xacct/config';
import { AccessRole } from '../constructs/access-role';
import { TableKey, type KeyUser } from '../constructs/table-key';
import { tableResourcePolicy } from '../constructs/table-resource-policy';
import { TargetTable } from '../constructs/target-table';

export interface TargetStackProps extends StackProps {
  /** The validated stage; account, region and every name come from it. */
  readonly stage: Stage;
}

/**
 * The target account's side: the table, and what the stage grants the source account's reader: the access role it
 * assumes (assume-role), the table's resource policy (resource-policy), or both while switching modes.
 */
export class TargetStack extends Stack {
  readonly table: TargetTable;
  /** Only when the stage grants assume-role. */
  readonly accessRole?: AccessRole;
  /** Only for `table.encryption: customer-managed`. */
  readonly tableKey?: TableKey;

  constructor(scope: Construct, id: string, props: TargetStackProps) {
    const { stage } = props;
    const viaRole = grantsAccess(stage, 'assume-role');
    const viaPolicy = grantsAccess(stage, 'resource-policy');
    super(scope, id, {
      stackName: stackName(stage, 'target'),
      description: `Cross-account reader, target side (stage ${stage.name}): table ${stage.table.name}, access ${stage.access.grants.join(' + ')}`,
      analyticsReporting: false,
      ...props,
      env: { account: stage.target.accountId, region: stage.target.region },
    });
    const sourcePartition = partitionOfRegion(stage.source.region);

    if (stage.table.encryption === 'customer-managed') {
      const users: KeyUser[] = [
        ...(viaRole ? [{ accountId: stage.target.accountId, roleArn: accessRoleArn(stage) }] : []),
        ...(viaPolicy ? [{ accountId: stage.source.accountId, roleArn: readerRoleArn(stage) }] : []),
      ];
      this.tableKey = new TableKey(this, 'TableKey', {
        aliasName: `alias/xacct-${stage.name}-table`,
        region: stage.target.region,
        partition: partitionOfRegion(stage.target.region),
        users,
      });
    }

    this.table = new TargetTable(this, 'Table', {
      tableName: stage.table.name,
      partitionKey: stage.table.partitionKey,
      ...(stage.table.sortKey ? { sortKey: stage.table.sortKey } : {}),
      indexes: stage.table.indexes,
      encryption: this.tableKey
        ? TableEncryptionV2.customerManagedKey(this.tableKey.key)
        : stage.table.encryption === 'aws-owned'
          ? TableEncryptionV2.dynamoOwnedKey()
          : TableEncryptionV2.awsManagedKey(),
      ...(viaPolicy
        ? {
            resourcePolicy: tableResourcePolicy({
              tableArn: tableArn(stage),
              sourceAccountId: stage.source.accountId,
              readerRoleArn: readerRoleArn(stage),
              partition: sourcePartition,
            }),
          }
        : {}),
    });

    if (viaRole) {
      this.accessRole = new AccessRole(this, 'AccessRole', {
        // The schema requires both whenever assume-role is granted.
        roleName: stage.roles.accessRoleName as string,
        externalId: stage.externalId as string,
        sourceAccountId: stage.source.accountId,
        readerRoleArn: readerRoleArn(stage),
        sourceIdentity: sourceIdentity(stage),
        table: this.table.table,
        partition: sourcePartition,
        ...(this.tableKey ? { tableKey: this.tableKey.key } : {}),
      });
      Validations.of(this.accessRole.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.table.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
        reason:
          'Query/Scan on the indexes of this one table: index names are not known to this stack, and the wildcard cannot reach another table.',
      });
      new CfnOutput(this, 'AccessRoleArn', {
        value: this.accessRole.role.roleArn,
        description: 'The role the reader assumes (its env TARGET_ROLE_ARN)',
      });
    }

    new CfnOutput(this, 'TableArn', { value: this.table.table.tableArn, description: 'The table the reader reads' });
    if (this.tableKey) {
      new CfnOutput(this, 'TableKeyArn', {
        value: this.tableKey.key.keyArn,
        description: 'The KMS key of the table; the reader decrypts with it through DynamoDB',
      });
    }
  }
}
