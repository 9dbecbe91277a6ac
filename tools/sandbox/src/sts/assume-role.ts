import { AwsServiceError } from '../errors';
import type { CallerIdentity } from '../iam/caller-identity';
import type { TemporaryCredentials } from '../iam/iam-model';
import { isAllowed, type DenialReason } from '../iam/is-allowed';
import type { SandboxContext } from '../sandbox-context';
import { sessionPolicyOf } from './session-policy-of';

/** The AssumeRole parameters the sandbox supports. */
export interface AssumeRoleParams {
  readonly roleArn?: string;
  readonly roleSessionName?: string;
  readonly durationSeconds?: string;
  readonly externalId?: string;
  readonly sourceIdentity?: string;
  /** Inline session policy (JSON). */
  readonly policy?: string;
  /** Managed session policies. */
  readonly policyArns?: readonly string[];
  /** The region the request was signed for (`aws:RequestedRegion`). */
  readonly requestedRegion?: string;
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const ROLE_CHAINING_LIMIT = 3600;

/**
 * sts:AssumeRole as AWS evaluates it: the caller's identity policy and the role's trust policy (which must
 * always allow), plus sts:SetSourceIdentity when the session carries a source identity; DurationSeconds within
 * the role's MaxSessionDuration and within 1 hour for role chaining.
 * @throws AwsServiceError ValidationError (400) or AccessDenied (403).
 */
export async function assumeRole(
  sandbox: SandboxContext,
  caller: CallerIdentity,
  params: AssumeRoleParams,
): Promise<TemporaryCredentials> {
  const errors: string[] = [];
  if (params.roleArn === undefined)
    errors.push("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  else if (params.roleArn.length < 20 || params.roleArn.length > 2048) {
    errors.push(
      `Value '${params.roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048`,
    );
  }
  if (params.roleSessionName === undefined) {
    errors.push("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
  } else if (!SESSION_NAME.test(params.roleSessionName)) {
    errors.push(
      `Value '${params.roleSessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64`,
    );
  }
  let duration = 3600;
  if (params.durationSeconds !== undefined) {
    duration = Number(params.durationSeconds);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      errors.push(
        `Value '${params.durationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
      );
    }
  }
  if (params.externalId !== undefined && !EXTERNAL_ID.test(params.externalId)) {
    errors.push(
      `Value '${params.externalId}' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]* and have length between 2 and 1224`,
    );
  }
  if (params.sourceIdentity !== undefined && !SOURCE_IDENTITY.test(params.sourceIdentity)) {
    errors.push(
      `Value '${params.sourceIdentity}' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64`,
    );
  }
  if (errors.length > 0) {
    throw new AwsServiceError(
      'ValidationError',
      `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
      400,
    );
  }
  const roleArn = params.roleArn ?? '';
  const sessionName = params.roleSessionName ?? '';
  // AWS's message does not say which check failed; the sandbox log does, to make a denial quick to diagnose.
  const denied = (action: string, why: string) => {
    sandbox.log(`[sandbox] DENIED ${action} by ${caller.arn} on ${roleArn}: ${why}`);
    return new AwsServiceError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn}`,
      403,
    );
  };

  // A source identity, once set, stays for every chained session and cannot be changed.
  if (
    caller.sourceIdentity !== undefined &&
    params.sourceIdentity !== undefined &&
    params.sourceIdentity !== caller.sourceIdentity
  ) {
    throw denied('sts:SetSourceIdentity', `the session's source identity '${caller.sourceIdentity}' cannot change`);
  }
  const sourceIdentity = params.sourceIdentity ?? caller.sourceIdentity;

  // AWS answers AccessDenied (not NoSuchEntity) for a role that does not exist.
  const role = sandbox.iam.getRoleByArn(roleArn);
  if (role === undefined) throw denied('sts:AssumeRole', 'no such role (is the stack that creates it deployed?)');

  const principal = { kind: 'identity', identity: caller, policies: sandbox.iam.identityPolicies(caller) } as const;
  const trustPolicy = sandbox.iam.trustPolicyOf(role);
  const assume = await isAllowed({
    principal,
    action: 'sts:AssumeRole',
    resource: role.arn,
    resourceAccount: role.accountId,
    resourcePolicy: trustPolicy,
    requireResourcePolicyAllow: true,
    context: {
      'sts:RoleSessionName': sessionName,
      ...(params.requestedRegion === undefined ? {} : { 'aws:RequestedRegion': params.requestedRegion }),
      ...(params.externalId === undefined ? {} : { 'sts:ExternalId': params.externalId }),
      ...(sourceIdentity === undefined ? {} : { 'sts:SourceIdentity': sourceIdentity }),
    },
  });
  if (!assume.allowed) throw denied('sts:AssumeRole', describeDenial(assume.reason, 'sts:AssumeRole'));
  if (sourceIdentity !== undefined) {
    // Evaluated as its own action, as AWS does; sts:ExternalId is not a key of SetSourceIdentity.
    const setSource = await isAllowed({
      principal,
      action: 'sts:SetSourceIdentity',
      resource: role.arn,
      resourceAccount: role.accountId,
      resourcePolicy: trustPolicy,
      requireResourcePolicyAllow: true,
      context: { 'sts:SourceIdentity': sourceIdentity },
    });
    if (!setSource.allowed)
      throw denied('sts:SetSourceIdentity', describeDenial(setSource.reason, 'sts:SetSourceIdentity'));
  }

  if (duration > role.maxSessionDuration) {
    throw new AwsServiceError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      400,
    );
  }
  if (caller.type === 'assumed-role' && duration > ROLE_CHAINING_LIMIT) {
    throw new AwsServiceError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      400,
    );
  }
  const sessionPolicy = await sessionPolicyOf(params.policy, params.policyArns ?? []);
  return sandbox.iam.issueSession(role, sessionName, duration, sourceIdentity, Date.now(), sessionPolicy);
}

function describeDenial(reason: DenialReason, action: string): string {
  switch (reason) {
    case 'no-resource-policy':
      return `the role's trust policy does not allow ${action} for this caller (principal, aws:PrincipalArn, sts:ExternalId or sts:SourceIdentity conditions)`;
    case 'no-identity-policy':
      return `the caller's identity policies do not allow ${action} on the role (or, cross-account, the trust policy does not either)`;
    case 'explicit-deny-identity':
      return 'an identity policy of the caller denies it explicitly';
    case 'explicit-deny-resource':
      return "the role's trust policy denies it explicitly";
    default:
      return 'a policy is invalid';
  }
}
