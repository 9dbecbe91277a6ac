import type { NumberValue } from '@aws-sdk/lib-dynamodb';
import type { KeyAttribute } from '@xacct/config';
import { InvalidRequestError } from '../errors';
import { MAX_KEY_BYTES, parseKeyValue } from './parse-key-value';

/** JSON.stringify writes one byte of a key as at most 6 characters (a control character becomes `\u001f`). */
const MAX_JSON_BYTES_PER_KEY_BYTE = 6;

/**
 * The longest token the API can issue for these keys: base64url of the JSON of the largest legal key values,
 * every byte written in its longest JSON form. Longer input is refused before it is decoded.
 */
function maxTokenLength(keys: readonly KeyAttribute[]): number {
  const jsonBytes = keys.reduce(
    (total, key, index) =>
      total +
      Buffer.byteLength(JSON.stringify(key.name)) +
      MAX_JSON_BYTES_PER_KEY_BYTE * MAX_KEY_BYTES[index === 0 ? 'partition' : 'sort'] +
      4, // the colon, the value's quotes, a comma or brace
    2,
  );
  return Math.ceil((jsonBytes * 4) / 3);
}

function invalid(problem: string): InvalidRequestError {
  return new InvalidRequestError('nextToken', `${problem}; pass the nextToken of the previous page unchanged`);
}

/**
 * Decodes a `nextToken` back into an ExclusiveStartKey. It must be base64url that decodes to a JSON object with
 * exactly the table's key attributes, each a valid key value of the key's type (the same checks as a key in the URL:
 * DynamoDB's byte limits, 2,048 partition / 1,024 sort, and number range); anything else is a 400, so a forged token
 * can never become an arbitrary DynamoDB request nor a 500. The bound is the decoded key's, so every token the API
 * issues, at every legal key size, round-trips.
 */
export function decodeNextToken(
  token: string,
  keys: readonly KeyAttribute[],
): Record<string, string | number | NumberValue> {
  const maxLength = maxTokenLength(keys);
  if (token.length > maxLength) {
    throw invalid(`is too long (${token.length} characters, at most ${maxLength} for this table's keys)`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid('is not base64url');
  const json = Buffer.from(token, 'base64url').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid('does not decode to JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('does not decode to an object');
  }
  const entries = Object.entries(parsed);
  const expected = keys.map((k) => k.name);
  const names = entries.map(([name]) => name);
  if (names.length !== expected.length || !expected.every((name) => names.includes(name))) {
    throw invalid(`must hold exactly the key attributes ${expected.join(', ')}`);
  }
  const startKey: Record<string, string | number | NumberValue> = {};
  keys.forEach((key, index) => {
    const value: unknown = (parsed as Record<string, unknown>)[key.name];
    // The API writes a number key as a JSON number when a double holds it exactly, else as its decimal string.
    const ok = key.type === 'S' ? typeof value === 'string' : typeof value === 'string' || typeof value === 'number';
    if (!ok) throw invalid(`${key.name} must be a ${key.type === 'S' ? 'non-empty string' : 'number'}`);
    try {
      startKey[key.name] = parseKeyValue(String(value), key, key.name, index === 0 ? 'partition' : 'sort');
    } catch (error) {
      if (error instanceof InvalidRequestError) throw invalid(error.message);
      throw error;
    }
  });
  return startKey;
}
