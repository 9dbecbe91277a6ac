import type { ReaderEnv } from '@xacct/config';

/** What an operator checks when DynamoDB denies the reader, per access mode. */
export function accessDeniedHint(env: ReaderEnv): string {
  if (env.accessMode === 'resource-policy') {
    return (
      "The reader's own role may not read the table: check that target-infra is deployed in access mode " +
      "resource-policy, that the table's resource policy names this role (aws:PrincipalArn = the reader role ARN), " +
      "that the reader role's policy allows the reads on TABLE_ARN, and, for a customer managed key, that the key " +
      'policy lets this role kms:Decrypt via DynamoDB (a table under the AWS managed key aws/dynamodb cannot be read ' +
      'across accounts this way).'
    );
  }
  return (
    `The access role may not read table ${env.tableName}: check that target-infra's access role policy allows ` +
    'dynamodb:Scan, dynamodb:GetItem and dynamodb:Query on it and its indexes.'
  );
}
