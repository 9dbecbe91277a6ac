import { parseRoleArn } from './parse-role-arn';
import type { PolicyDocument } from './policy-document';
import { statementsOf } from './role-principal-arns';

/**
 * The policy with every role-ARN principal that `isCurrent` rejects removed, and statements left without a
 * principal dropped. AWS stores a role principal as the role's unique id, so a principal whose role was deleted
 * (and maybe recreated under the same ARN), or did not exist when the policy was written, matches nobody.
 */
export function withoutStaleRolePrincipals(
  policy: PolicyDocument,
  isCurrent: (roleArn: string) => boolean,
): PolicyDocument {
  const statements = statementsOf(policy).flatMap((statement) => {
    const principal = statement.Principal;
    if (typeof principal !== 'object' || principal === null) return [statement];
    const { AWS: aws, ...others } = principal as Record<string, unknown>;
    if (aws === undefined) return [statement];
    const kept = (Array.isArray(aws) ? aws : [aws]).filter(
      (p) => typeof p !== 'string' || parseRoleArn(p) === undefined || isCurrent(p),
    );
    const rewritten = kept.length === 0 ? others : { ...others, AWS: kept.length === 1 ? kept[0] : kept };
    return Object.keys(rewritten).length === 0 ? [] : [{ ...statement, Principal: rewritten }];
  });
  return { ...policy, Statement: statements };
}
