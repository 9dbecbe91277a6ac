import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fail, pass, type CheckOutcome } from '../check-result';
import { awsCliTail, nxDeploy, type DoctorContext } from '../doctor-context';
import { errorName, errorText } from '../error-text';

/**
 * Check 4: the table is ACTIVE with the stage's key schema (and the key types), deletion protection and PITR on.
 * Indexes are listed; the stage declares none, so any index found is reported, not failed.
 */
export async function checkTable(context: DoctorContext): Promise<CheckOutcome> {
  const { stage } = context;
  const access = context.access.target;
  if (access === undefined) throw new Error('checkTable needs target access');
  const name = stage.table.name;
  const client = new DynamoDBClient(access.clientConfig);
  try {
    let table;
    try {
      table = (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException')
        return fail(
          `table ${name} does not exist`,
          `DynamoDB has no table ${name} in account ${access.accountId} (${access.region}), though the target stack is complete: it was deleted outside CloudFormation`,
          stage.kind === 'local'
            ? `${nxDeploy(context, 'target-infra')}   # the sandbox recreates it (empty)`
            : `aws dynamodb list-backups --table-name ${name}${awsCliTail(context, 'target')}   # restore the newest: aws dynamodb restore-table-from-backup --target-table-name ${name} --backup-arn <arn>; then aws cloudformation detect-stack-drift`,
        );
      throw error;
    }
    const problems: string[] = [];
    if (table?.TableStatus !== 'ACTIVE') problems.push(`status is ${table?.TableStatus ?? 'unknown'}, not ACTIVE`);
    const wanted = [
      { name: stage.table.partitionKey.name, keyType: 'HASH', type: stage.table.partitionKey.type },
      ...(stage.table.sortKey
        ? [{ name: stage.table.sortKey.name, keyType: 'RANGE', type: stage.table.sortKey.type }]
        : []),
    ];
    const types = new Map((table?.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
    const actual = (table?.KeySchema ?? []).map(
      (k) => `${k.AttributeName}:${k.KeyType}:${types.get(k.AttributeName) ?? '?'}`,
    );
    const expected = wanted.map((k) => `${k.name}:${k.keyType}:${k.type}`);
    if (actual.sort().join(',') !== expected.sort().join(','))
      problems.push(`key schema is ${actual.join(', ') || 'empty'}, the stage says ${expected.join(', ')}`);
    if (table?.DeletionProtectionEnabled !== true) problems.push('deletion protection is off');
    const backups = await client.send(new DescribeContinuousBackupsCommand({ TableName: name }));
    const pitr = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
    if (pitr !== 'ENABLED') problems.push(`point-in-time recovery is ${pitr ?? 'unknown'}`);
    if (problems.length > 0)
      return fail(
        `table ${name} differs from the stage`,
        problems.join('; '),
        `${nxDeploy(context, 'target-infra')}   # the template sets them; a key schema change needs a new table name`,
      );
    const indexes = (table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).join(', ');
    return pass(
      `${name}: ACTIVE, keys ${expected.join(', ')}, deletion protection on, PITR on${indexes === '' ? ', no indexes' : `, indexes ${indexes}`}`,
    );
  } catch (error) {
    return fail(
      `cannot read table ${name}`,
      errorText(error),
      `aws dynamodb describe-table --table-name ${name}${awsCliTail(context, 'target')}   # the target credentials need dynamodb:DescribeTable and DescribeContinuousBackups`,
    );
  } finally {
    client.destroy();
  }
}
