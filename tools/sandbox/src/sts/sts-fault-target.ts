import type { FaultTargetOf } from '../faults/with-faults';
import { parseRoleArn } from '../iam/parse-role-arn';
import { callerAccountOf } from '../sigv4/caller-account-of';
import type { AccessKeyResolver } from '../sigv4/verify-sigv4';

/** An STS request's action, and the account it calls: the role's for AssumeRole, else the caller's. */
export function stsFaultTarget(keys: AccessKeyResolver): FaultTargetOf {
  return (request) => {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const roleArn = form.get('RoleArn');
    return {
      action: form.get('Action') ?? '',
      account: () =>
        (roleArn === null ? undefined : parseRoleArn(roleArn)?.accountId) ?? callerAccountOf(request, keys),
    };
  };
}
