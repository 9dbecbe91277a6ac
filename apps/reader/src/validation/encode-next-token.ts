import { toJsonValue } from '../format/to-json-value';

/**
 * The opaque `nextToken`: base64url (no padding) of the JSON `{"scope": …, "key": …}`, where `scope` names what
 * issued it (route, index, segment; see tokenScope) and `key` is DynamoDB's LastEvaluatedKey in document form, each
 * number as a JSON number when a double holds it exactly, else its decimal string; null on the last page.
 */
export function encodeNextToken(lastEvaluatedKey: Record<string, unknown> | undefined, scope: string): string | null {
  if (lastEvaluatedKey === undefined) return null;
  return Buffer.from(JSON.stringify({ scope, key: toJsonValue(lastEvaluatedKey) }), 'utf8').toString('base64url');
}
