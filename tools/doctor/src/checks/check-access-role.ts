import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { readerRoleArn, sourceIdentity, tableArn, tableIndexArnPattern } from '@xacct/config';
import { fail, pass, skip, type CheckOutcome } from '../check-result';
import { awsCliTail, nxDeploy, type DoctorContext } from '../doctor-context';
import { errorName, errorText } from '../error-text';
import { list, permissionProblems, statementsOf, type Statement } from './policy-statements';

/**
 * Check 5: the access role (iam:GetRole, ListRolePolicies, GetRolePolicy) trusts the reader role ARN with the
 * stage's ExternalId and SourceIdentity, and its inline policies allow exactly the read actions on the table and
 * its indexes, nothing more.
 */
export async function checkAccessRole(context: DoctorContext): Promise<CheckOutcome> {
  const { stage } = context;
  const access = context.access.target;
  if (access === undefined) throw new Error('checkAccessRole needs target access');
  const roleName = stage.roles.accessRoleName;
  const externalId = stage.externalId;
  // The schema requires both whenever the stage grants assume-role (the only case check 5 calls this).
  if (roleName === undefined || externalId === undefined) return skip('skipped (the stage names no access role)');
  const redeployTarget = `${nxDeploy(context, 'target-infra')}   # writes the trust and permissions the stage derives`;
  const client = new IAMClient(access.clientConfig);
  try {
    let trust: Statement[];
    try {
      const { Role } = await client.send(new GetRoleCommand({ RoleName: roleName }));
      trust = statementsOf(Role?.AssumeRolePolicyDocument, 'url');
    } catch (error) {
      if (errorName(error) === 'NoSuchEntityException')
        return fail(
          `access role ${roleName} does not exist`,
          `IAM in ${access.accountId} has no role ${roleName}`,
          redeployTarget,
        );
      throw error;
    }
    const problems = trustProblems(trust, readerRoleArn(stage), externalId, sourceIdentity(stage));
    const { PolicyNames = [] } = await client.send(new ListRolePoliciesCommand({ RoleName: roleName }));
    const statements: Statement[] = [];
    for (const policyName of PolicyNames) {
      const policy = await client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
      statements.push(...statementsOf(policy.PolicyDocument, 'url'));
    }
    problems.push(...permissionProblems(statements, tableArn(stage), tableIndexArnPattern(stage)));
    if (problems.length > 0)
      return fail(`access role ${roleName} does not match the stage`, problems.join('; '), redeployTarget);
    return pass(
      `${roleName} trusts ${readerRoleArn(stage)} with the stage's ExternalId and SourceIdentity; allows only GetItem/Query/Scan on the table and Query/Scan on its indexes`,
    );
  } catch (error) {
    return fail(
      `cannot read access role ${roleName}`,
      errorText(error),
      `aws iam get-role --role-name ${roleName}${awsCliTail(context, 'target')}   # the target credentials need iam:GetRole, ListRolePolicies, GetRolePolicy`,
    );
  } finally {
    client.destroy();
  }
}

function condition(statement: Statement, key: string): string[] {
  return list(statement.Condition?.['StringEquals']?.[key]);
}

function trustProblems(trust: Statement[], readerArn: string, externalId: string, identity: string): string[] {
  const allows = (action: string) => trust.filter((s) => s.Effect === 'Allow' && list(s.Action).includes(action));
  const problems: string[] = [];
  const assume = allows('sts:AssumeRole').filter((s) => condition(s, 'aws:PrincipalArn').includes(readerArn));
  if (assume.length === 0)
    problems.push(
      `the trust does not allow sts:AssumeRole for ${readerArn} (names ${
        allows('sts:AssumeRole')
          .flatMap((s) => condition(s, 'aws:PrincipalArn'))
          .join(', ') || 'no reader role'
      })`,
    );
  else if (!assume.some((s) => condition(s, 'sts:ExternalId').includes(externalId)))
    problems.push("the trust's sts:ExternalId differs from the stage's externalId");
  const setIdentity = allows('sts:SetSourceIdentity').filter((s) =>
    condition(s, 'aws:PrincipalArn').includes(readerArn),
  );
  if (!setIdentity.some((s) => condition(s, 'sts:SourceIdentity').includes(identity)))
    problems.push(`the trust does not allow sts:SetSourceIdentity '${identity}' for ${readerArn}`);
  return problems;
}
