import { CfnOutput, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { partitionOfRegion, readerRoleArn, sourceIdentity, stackName, type Stage } from '@xacct/config';
import { AccessRole } from '../constructs/access-role';
import { TargetTable } from '../constructs/target-table';

export interface TargetStackProps extends StackProps {
  /** The validated stage; account, region and every name come from it. */
  readonly stage: Stage;
}

/** The target account's side: the table and the role the source account's reader assumes. */
export class TargetStack extends Stack {
  readonly table: TargetTable;
  readonly accessRole: AccessRole;

  constructor(scope: Construct, id: string, props: TargetStackProps) {
    const { stage } = props;
    super(scope, id, {
      stackName: stackName(stage, 'target'),
      description: `Cross-account reader, target side (stage ${stage.name}): table ${stage.table.name} and role ${stage.roles.accessRoleName}`,
      analyticsReporting: false,
      ...props,
      env: { account: stage.target.accountId, region: stage.target.region },
    });

    this.table = new TargetTable(this, 'Table', {
      tableName: stage.table.name,
      partitionKey: stage.table.partitionKey,
      ...(stage.table.sortKey ? { sortKey: stage.table.sortKey } : {}),
    });

    this.accessRole = new AccessRole(this, 'AccessRole', {
      roleName: stage.roles.accessRoleName,
      sourceAccountId: stage.source.accountId,
      readerRoleArn: readerRoleArn(stage),
      externalId: stage.externalId,
      sourceIdentity: sourceIdentity(stage),
      table: this.table.table,
      partition: partitionOfRegion(stage.source.region),
    });
    Validations.of(this.accessRole.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.table.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason:
        'Query/Scan on the indexes of this one table: index names are not known to this stack, and the wildcard cannot reach another table.',
    });

    new CfnOutput(this, 'TableArn', { value: this.table.table.tableArn, description: 'The table the reader reads' });
    new CfnOutput(this, 'AccessRoleArn', {
      value: this.accessRole.role.roleArn,
      description: 'The role the reader assumes (its env TARGET_ROLE_ARN)',
    });
  }
}
