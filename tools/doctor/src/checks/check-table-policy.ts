import { DynamoDBClient, GetResourcePolicyCommand } from '@aws-sdk/client-dynamodb';
import { partitionOfRegion, readerRoleArn, tableArn, tableIndexArnPattern, type Stage } from '@xacct/config';
import { fail, pass, type CheckOutcome } from '../check-result';
import { awsCliTail, nxDeploy, type DoctorContext } from '../doctor-context';
import { errorName, errorText } from '../error-text';
import { list, permissionProblems, statementsOf, type Statement } from './policy-statements';

/**
 * Check 5, resource-policy grant: the table's resource policy (dynamodb:GetResourcePolicy on the table ARN) allows
 * exactly the read actions on the table and Query/Scan on its indexes, to the reader role only (the source account
 * root narrowed by `aws:PrincipalArn`, as target-infra writes it, or the role ARN as principal), and nothing broader.
 * A customer managed key's policy is not read: the sandbox does not emulate KMS's API to test that against.
 */
export async function checkTablePolicy(context: DoctorContext): Promise<CheckOutcome> {
  const { stage } = context;
  const access = context.access.target;
  if (access === undefined) throw new Error('checkTablePolicy needs target access');
  const table = tableArn(stage);
  const reader = readerRoleArn(stage);
  const redeployTarget = `${nxDeploy(context, 'target-infra')}   # writes the table policy the stage derives`;
  const client = new DynamoDBClient(access.clientConfig);
  try {
    let document: string | undefined;
    try {
      ({ Policy: document } = await client.send(new GetResourcePolicyCommand({ ResourceArn: table })));
    } catch (error) {
      if (errorName(error) === 'PolicyNotFoundException')
        return fail(
          `table ${stage.table.name} has no resource policy`,
          `DynamoDB in ${access.accountId} has no resource policy on ${table}, so the reader role ${reader} cannot read it across accounts`,
          redeployTarget,
        );
      throw error;
    }
    let statements: Statement[];
    try {
      statements = statementsOf(document, 'plain');
    } catch {
      return fail(
        `the resource policy of ${stage.table.name} is not JSON`,
        `GetResourcePolicy on ${table} returned no JSON policy`,
        redeployTarget,
      );
    }
    const problems = tablePolicyProblems(stage, statements);
    if (problems.length > 0)
      return fail(
        `the resource policy of ${stage.table.name} does not match the stage`,
        problems.join('; '),
        redeployTarget,
      );
    return pass(
      `the table policy of ${stage.table.name} admits only ${reader}: GetItem/Query/Scan on the table, Query/Scan on its indexes${
        stage.table.encryption === 'customer-managed'
          ? ' (the KMS key policy is not checked: the sandbox has no KMS API to test that check against; `aws kms get-key-policy --key-id <TableKeyArn output> --policy-name default` shows it)'
          : ''
      }`,
    );
  } catch (error) {
    return fail(
      `cannot read the resource policy of ${stage.table.name}`,
      errorText(error),
      `aws dynamodb get-resource-policy --resource-arn ${table}${awsCliTail(context, 'target')}   # the target credentials need dynamodb:GetResourcePolicy`,
    );
  } finally {
    client.destroy();
  }
}

/** What in the policy differs from the stage's grant: who it admits, and what it allows them. */
function tablePolicyProblems(stage: Stage, statements: Statement[]): string[] {
  const reader = readerRoleArn(stage);
  const problems: string[] = [];
  const readers: Statement[] = [];
  for (const [index, statement] of statements.entries()) {
    if (statement.Effect !== 'Allow') continue; // a Deny only narrows the grant
    const name = `statement ${statement.Sid ?? index + 1}`;
    const negated = (['NotPrincipal', 'NotAction', 'NotResource'] as const).filter(
      (key) => statement[key] !== undefined,
    );
    if (negated.length > 0) {
      problems.push(`${name} uses ${negated.join(', ')}, which allows everything it does not name`);
      continue;
    }
    const admits = admittedPrincipal(stage, statement);
    if (admits !== reader) {
      problems.push(`${name} admits ${admits} (only ${reader} may read the table)`);
      continue;
    }
    readers.push(statement);
  }
  if (readers.length === 0) problems.push(`no statement admits the reader role ${reader}`);
  return [...problems, ...permissionProblems(readers, tableArn(stage), tableIndexArnPattern(stage))];
}

/**
 * Whom an Allow statement admits: the reader role ARN when the principal is that role, or the source account (root,
 * or `*`) narrowed by an `aws:PrincipalArn` condition naming only that role; otherwise a description of whom.
 */
function admittedPrincipal(stage: Stage, statement: Statement): string {
  const reader = readerRoleArn(stage);
  const principal = statement.Principal;
  const principals =
    principal === '*'
      ? ['*']
      : typeof principal === 'object' && principal !== null
        ? Object.entries(principal as Record<string, string | string[]>).flatMap(([kind, value]) =>
            kind === 'AWS' ? list(value) : list(value).map((v) => `${kind} ${v}`),
          )
        : [];
  if (principals.length === 1 && principals[0] === reader) return reader;
  const pinned = ['StringEquals', 'ArnEquals'].flatMap((operator) =>
    list(statement.Condition?.[operator]?.['aws:PrincipalArn']),
  );
  const source = stage.source.accountId;
  const sourceRoot = `arn:${partitionOfRegion(stage.source.region)}:iam::${source}:root`;
  const sourceOnly = principals.every((p) => p === '*' || p === source || p === sourceRoot);
  if (principals.length > 0 && sourceOnly && pinned.length === 1 && pinned[0] === reader) return reader;
  const who = principals.length === 0 ? 'no AWS principal' : principals.join(', ');
  return pinned.length === 0
    ? `${who} with no aws:PrincipalArn condition`
    : `${who} if aws:PrincipalArn is ${pinned.join(' or ')}`;
}
