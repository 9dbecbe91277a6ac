/** The opaque `nextToken`: base64url (no padding) of the JSON of DynamoDB's LastEvaluatedKey; null on the last page. */
export function encodeNextToken(lastEvaluatedKey: Record<string, unknown> | undefined): string | null {
  if (lastEvaluatedKey === undefined) return null;
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}
