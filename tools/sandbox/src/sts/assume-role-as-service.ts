import { AwsServiceError } from '../errors';
import type { TemporaryCredentials } from '../iam/iam-model';
import { isAllowed } from '../iam/is-allowed';
import type { SandboxContext } from '../sandbox-context';

/**
 * Credentials for a role as an AWS service obtains them (Lambda for its execution role): the role's trust
 * policy must allow `sts:AssumeRole` for the service principal. Counted as `sts/AssumeRoleAsService`.
 * @throws AwsServiceError AccessDenied when the role is missing or its trust does not name the service.
 */
export async function assumeRoleAsService(
  sandbox: SandboxContext,
  roleArn: string,
  servicePrincipal: string,
  sessionName: string,
  durationSeconds = 3600,
): Promise<TemporaryCredentials> {
  sandbox.counters.increment('sts', 'AssumeRoleAsService');
  const denied = new AwsServiceError(
    'AccessDenied',
    `${servicePrincipal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn} (the role's trust policy must allow the service principal ${servicePrincipal})`,
    403,
  );
  const role = sandbox.iam.getRoleByArn(roleArn);
  if (role === undefined) throw denied;
  const decision = await isAllowed({
    principal: { kind: 'service', service: servicePrincipal },
    action: 'sts:AssumeRole',
    resource: role.arn,
    resourceAccount: role.accountId,
    resourcePolicy: sandbox.iam.trustPolicyOf(role),
    requireResourcePolicyAllow: true,
    context: { 'sts:RoleSessionName': sessionName },
  });
  if (!decision.allowed) throw denied;
  return sandbox.iam.issueSession(role, sessionName, Math.min(durationSeconds, role.maxSessionDuration));
}
