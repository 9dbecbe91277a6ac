import type { core, ZodError } from 'zod';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeIssue(issue: core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}: remove or fix the spelling`;
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return `is required (expected ${issue.expected})`;
  }
  return issue.message;
}

/**
 * One line per problem, `<source>: <path>: <what is wrong and how to fix it>`, e.g.
 * `config/stages/prod.json: target.accountId: must be 12 digits, got "12345"`.
 * Our own line format (rather than z.prettifyError's two-line blocks) keeps each problem greppable.
 */
export function formatIssues(source: string, error: ZodError, input: unknown): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      return `${source}: ${path}: ${describeIssue(issue, input)}`;
    })
    .join('\n');
}
