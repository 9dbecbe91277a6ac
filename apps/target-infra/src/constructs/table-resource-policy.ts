import { ArnPrincipal, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { INDEX_READ_ACTIONS, READ_ACTIONS } from '@xacct/config';

export interface TableResourcePolicyProps {
  /** The table's ARN, from the contract (the table's own Arn attribute would make the table depend on itself). */
  readonly tableArn: string;
  /** The account of the reader role. */
  readonly sourceAccountId: string;
  /** The reader Lambda's execution role: the only principal admitted. */
  readonly readerRoleArn: string;
  /** `aws`, `aws-cn` or `aws-us-gov`: the partition of the source account's root ARN. */
  readonly partition: string;
}

/**
 * The table's resource-based policy for the resource-policy mode: GetItem/Query/Scan on the table, Query/Scan on its
 * indexes, for the source account root narrowed with `aws:PrincipalArn` to the reader role. As with the access role's
 * trust, a role ARN principal would pin the role's unique id and could not be deployed before the source side.
 */
export function tableResourcePolicy(props: TableResourcePolicyProps): PolicyDocument {
  const principal = new ArnPrincipal(`arn:${props.partition}:iam::${props.sourceAccountId}:root`).withConditions({
    StringEquals: { 'aws:PrincipalArn': props.readerRoleArn },
  });
  return new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'ReaderReadsTable',
        principals: [principal],
        actions: [...READ_ACTIONS],
        resources: [props.tableArn],
      }),
      new PolicyStatement({
        sid: 'ReaderReadsIndexes',
        principals: [principal],
        actions: [...INDEX_READ_ACTIONS],
        resources: [`${props.tableArn}/index/*`],
      }),
    ],
  });
}
