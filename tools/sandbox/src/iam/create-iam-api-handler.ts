import { AwsServiceError } from '../errors';
import { queryResultXml, sendQueryError, sendXml, xmlMembers } from '../query/query-xml';
import type { SandboxContext } from '../sandbox-context';
import type { SandboxRouteHandler } from '../server/sandbox-request';
import { verifySigV4 } from '../sigv4/verify-sigv4';
import { escapeXml } from '../sts/escape-xml';
import type { CallerIdentity } from './caller-identity';
import { denialOf } from './denial-of';
import type { IamRole } from './iam-model';
import type { NamedPolicy } from './policy-document';

const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const KNOWN_ACTIONS = new Set(['GetRole', 'ListRolePolicies', 'GetRolePolicy']);

/**
 * The read side of IAM roles over awsQuery: GetRole (trust policy), ListRolePolicies and GetRolePolicy (inline
 * policies, including those an AWS::IAM::Policy put on the role). Policy documents are URL-encoded JSON, as IAM
 * returns them (the AWS CLI decodes them; SDK callers call decodeURIComponent). Roles of the caller's account only.
 */
export function createIamApiHandler(sandbox: SandboxContext): SandboxRouteHandler {
  return async (request, response) => {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const action = form.get('Action') ?? '';
    sandbox.counters.increment('iam', KNOWN_ACTIONS.has(action) ? action : '(unknown)');
    try {
      const { identity } = await verifySigV4(request, 'iam', sandbox.keys);
      if (!KNOWN_ACTIONS.has(action)) {
        throw new AwsServiceError(
          'InvalidAction',
          `Could not find operation ${action || '(none)'} for version 2010-05-08 (the sandbox emulates GetRole, ListRolePolicies and GetRolePolicy).`,
          400,
        );
      }
      const role = await authorizedRole(sandbox, identity, `iam:${action}`, form.get('RoleName'));
      let result: string;
      if (action === 'GetRole') result = getRoleXml(role);
      else if (action === 'ListRolePolicies')
        result =
          `    <PolicyNames>\n${xmlMembers(
            inlinePoliciesOf(role).map((p) => escapeXml(p.name)),
            '      ',
          )}    </PolicyNames>\n` + `    <IsTruncated>false</IsTruncated>\n`;
      else {
        const policyName = form.get('PolicyName') ?? '';
        const policy = inlinePoliciesOf(role).find((p) => p.name === policyName);
        if (policy === undefined)
          throw new AwsServiceError('NoSuchEntity', `The role policy with name ${policyName} cannot be found.`, 404);
        result =
          `    <RoleName>${escapeXml(role.roleName)}</RoleName>\n    <PolicyName>${escapeXml(policy.name)}</PolicyName>\n` +
          `    <PolicyDocument>${encodeURIComponent(JSON.stringify(policy.document))}</PolicyDocument>\n`;
      }
      sendXml(response, 200, queryResultXml(NAMESPACE, action, result, request.requestId));
    } catch (error) {
      if (!sendQueryError(response, NAMESPACE, error, request.requestId)) throw error;
    }
  };
}

/** Authorizes the action on the role's ARN (a missing role is checked on the ARN it would have), then finds it. */
async function authorizedRole(
  sandbox: SandboxContext,
  identity: CallerIdentity,
  action: string,
  roleName: string | null,
): Promise<IamRole> {
  if (roleName === null || !/^[\w+=,.@-]{1,64}$/.test(roleName)) {
    throw new AwsServiceError(
      'ValidationError',
      `1 validation error detected: Value '${roleName ?? 'null'}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
      400,
    );
  }
  const role = sandbox.iam.getRole(identity.accountId, roleName);
  const resource = role?.arn ?? `arn:aws:iam::${identity.accountId}:role/${roleName}`;
  const denial = await denialOf(sandbox, { identity, action, resource, resourceAccount: identity.accountId });
  if (denial !== undefined) throw new AwsServiceError('AccessDenied', denial, 403);
  if (role === undefined)
    throw new AwsServiceError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
  return role;
}

function getRoleXml(role: IamRole): string {
  return (
    `    <Role>\n      <Path>${escapeXml(role.path)}</Path>\n` +
    `      <AssumeRolePolicyDocument>${encodeURIComponent(JSON.stringify(role.trustPolicy))}</AssumeRolePolicyDocument>\n` +
    `      <MaxSessionDuration>${role.maxSessionDuration}</MaxSessionDuration>\n` +
    `      <RoleId>${role.roleId}</RoleId>\n      <RoleName>${escapeXml(role.roleName)}</RoleName>\n` +
    `      <Arn>${escapeXml(role.arn)}</Arn>\n` +
    `      <CreateDate>${role.createdAt ?? new Date(0).toISOString()}</CreateDate>\n      <RoleLastUsed/>\n    </Role>\n`
  );
}

/** What IAM calls the role's inline policies: its `Policies` and those AWS::IAM::Policy resources put on it. */
function inlinePoliciesOf(role: IamRole): NamedPolicy[] {
  return [...role.inlinePolicies, ...Object.values(role.attachedPolicies)];
}
