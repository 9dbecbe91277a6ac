/** Lambda's own execution-role sessions (the sandbox's `sts/AssumeRoleAsService`): not a call the function makes. */
const LAMBDA_SESSIONS = 'AssumeRoleAsService';

/**
 * Upstream calls in a counter snapshot: AssumeRole and every STS action from functions (not Lambda's own
 * execution-role sessions), and every DynamoDB action.
 */
export function countCalls(snapshot: Record<string, Record<string, number>>): {
  assumeRole: number;
  sts: number;
  dynamodb: number;
} {
  const total = (service: string) =>
    Object.entries(snapshot[service] ?? {})
      .filter(([action]) => action !== LAMBDA_SESSIONS)
      .reduce((sum, [, n]) => sum + n, 0);
  return { assumeRole: snapshot['sts']?.['AssumeRole'] ?? 0, sts: total('sts'), dynamodb: total('dynamodb') };
}
