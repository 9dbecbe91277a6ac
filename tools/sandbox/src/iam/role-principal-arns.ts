import { parseRoleArn } from './parse-role-arn';
import type { PolicyDocument } from './policy-document';

/** The IAM role ARNs a policy names as `Principal: { AWS: ... }` (account roots, users and `*` are not roles). */
export function rolePrincipalArns(policy: PolicyDocument): string[] {
  const arns = statementsOf(policy).flatMap((statement) =>
    awsPrincipalsOf(statement).filter((p) => parseRoleArn(p) !== undefined),
  );
  return [...new Set(arns)];
}

/** The statements of a policy, whether `Statement` is one object or a list. */
export function statementsOf(policy: PolicyDocument): Array<Record<string, unknown>> {
  const statements = Array.isArray(policy.Statement) ? (policy.Statement as unknown[]) : [policy.Statement];
  return statements.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null);
}

function awsPrincipalsOf(statement: Record<string, unknown>): string[] {
  const principal = statement.Principal;
  if (typeof principal !== 'object' || principal === null) return [];
  const aws = (principal as Record<string, unknown>).AWS;
  return (Array.isArray(aws) ? aws : [aws]).filter((p): p is string => typeof p === 'string');
}
