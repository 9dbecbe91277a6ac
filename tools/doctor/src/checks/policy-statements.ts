import { INDEX_READ_ACTIONS, READ_ACTIONS } from '@xacct/config';

/** One statement of an IAM policy document, as far as the checks read it. */
export interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: string | string[];
  NotResource?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The statements of a policy document; IAM returns documents URL-encoded, DynamoDB as plain JSON. */
export function statementsOf(document: string | undefined, encoding: 'url' | 'plain'): Statement[] {
  if (document === undefined) return [];
  const parsed = JSON.parse(encoding === 'url' ? decodeURIComponent(document) : document) as {
    Statement?: Statement | Statement[];
  };
  return Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement === undefined ? [] : [parsed.Statement];
}

/**
 * What differs from the contract's grant in the Allow statements: the read actions on the table, Query/Scan on its
 * indexes, nothing more and nothing less.
 */
export function permissionProblems(statements: Statement[], table: string, indexes: string): string[] {
  const expected: Record<string, readonly string[]> = { [table]: READ_ACTIONS, [indexes]: INDEX_READ_ACTIONS };
  const granted = new Map<string, Set<string>>();
  const problems: string[] = [];
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    for (const resource of list(statement.Resource))
      for (const action of list(statement.Action))
        granted.set(resource, (granted.get(resource) ?? new Set()).add(action));
  }
  for (const [resource, actions] of granted) {
    const allowed = expected[resource] ?? [];
    const extra = [...actions].filter((a) => !allowed.includes(a));
    if (extra.length > 0)
      problems.push(`it also allows ${extra.join(', ')} on ${resource} (read-only is the contract)`);
  }
  for (const [resource, actions] of Object.entries(expected)) {
    const missing = actions.filter((a) => !granted.get(resource)?.has(a));
    if (missing.length > 0) problems.push(`it does not allow ${missing.join(', ')} on ${resource}`);
  }
  return problems;
}
