import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { ArnPrincipal, PolicyDocument, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { INDEX_READ_ACTIONS, READ_ACTIONS } from '@xacct/config';

export interface AccessRoleProps {
  /** Physical role name; the reader's env carries its ARN. */
  readonly roleName: string;
  /** The account whose reader role may assume this role. */
  readonly sourceAccountId: string;
  /** ARN of the reader role in the source account; the only principal the trust admits. */
  readonly readerRoleArn: string;
  /** Shared secret the reader must present on AssumeRole. */
  readonly externalId: string;
  /** The SourceIdentity the reader must set (sts:SetSourceIdentity). */
  readonly sourceIdentity: string;
  /** The table the role may read. */
  readonly table: ITableV2;
  /** `aws`, `aws-cn` or `aws-us-gov`: the partition of the source account's root ARN. */
  readonly partition: string;
  /**
   * The table's customer managed key: the role may decrypt with it, only through DynamoDB in the table's region.
   * @default - none (the table uses an AWS owned or AWS managed key)
   */
  readonly tableKey?: IKey;
  /**
   * Longest session the role issues. Lambda -> role is role chaining, which STS caps at one hour anyway.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
  /**
   * @default - a description naming the reader role
   */
  readonly description?: string;
}

/**
 * The role the source account's reader assumes. The trust names the source account root and narrows it with
 * `aws:PrincipalArn` (see DESIGN.md: a role ARN principal would pin the reader role's unique id and could not
 * be deployed before the source side). Permissions: read-only on the one table and its indexes.
 */
export class AccessRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AccessRoleProps) {
    super(scope, id);
    const sourceRoot = `arn:${props.partition}:iam::${props.sourceAccountId}:root`;
    const tableArn = props.table.tableArn;

    this.role = new Role(this, 'Role', {
      roleName: props.roleName,
      description: props.description ?? `Read-only access to ${props.table.tableName} for ${props.readerRoleArn}`,
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
      // SourceIdentity here too: without it the SetSourceIdentity statement below would only check a value the
      // caller chose to send, and an AssumeRole without one would pass.
      assumedBy: new ArnPrincipal(sourceRoot).withConditions({
        StringEquals: {
          'aws:PrincipalArn': props.readerRoleArn,
          'sts:ExternalId': props.externalId,
          'sts:SourceIdentity': props.sourceIdentity,
        },
      }),
      inlinePolicies: {
        ReadTable: new PolicyDocument({
          statements: [
            new PolicyStatement({ sid: 'ReadTable', actions: [...READ_ACTIONS], resources: [tableArn] }),
            new PolicyStatement({
              sid: 'ReadIndexes',
              actions: [...INDEX_READ_ACTIONS],
              resources: [`${tableArn}/index/*`],
            }),
            ...(props.tableKey
              ? [
                  new PolicyStatement({
                    sid: 'DecryptTableViaDynamoDB',
                    actions: ['kms:Decrypt', 'kms:DescribeKey'],
                    resources: [props.tableKey.keyArn],
                    conditions: {
                      StringEquals: { 'kms:ViaService': `dynamodb.${props.table.env.region}.amazonaws.com` },
                    },
                  }),
                ]
              : []),
          ],
        }),
      },
    });
    // ExternalId is a key of AssumeRole only: SetSourceIdentity needs its own statement or it never matches.
    this.role.assumeRolePolicy?.addStatements(
      new PolicyStatement({
        actions: ['sts:SetSourceIdentity'],
        principals: [new ArnPrincipal(sourceRoot)],
        conditions: {
          StringEquals: { 'aws:PrincipalArn': props.readerRoleArn, 'sts:SourceIdentity': props.sourceIdentity },
        },
      }),
    );
  }
}
