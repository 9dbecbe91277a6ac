/** Upstream calls in a counter snapshot: AssumeRole from functions (not Lambda's own execution-role sessions) and every DynamoDB action. */
export function countCalls(snapshot: Record<string, Record<string, number>>): { assumeRole: number; dynamodb: number } {
  const dynamodb = Object.values(snapshot['dynamodb'] ?? {}).reduce((sum, n) => sum + n, 0);
  return { assumeRole: snapshot['sts']?.['AssumeRole'] ?? 0, dynamodb };
}
