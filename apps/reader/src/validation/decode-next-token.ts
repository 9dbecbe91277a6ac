import type { NumberValue } from '@aws-sdk/lib-dynamodb';
import type { KeyAttribute } from '@xacct/config';
import { InvalidRequestError } from '../errors';
import { decimalParts } from './decimal-parts';
import { MAX_KEY_BYTES, parseKeyValue } from './parse-key-value';

/** A key attribute a nextToken carries, with the role that sets its size limit. */
export interface TokenKey extends KeyAttribute {
  readonly role: 'partition' | 'sort';
}

export type KeyValue = string | number | NumberValue;

/** JSON.stringify writes one byte of a key as at most 6 characters (a control character becomes `\u001f`). */
const MAX_JSON_BYTES_PER_KEY_BYTE = 6;

/**
 * The longest token the API can issue for this scope and these keys: base64url of the JSON envelope with the
 * largest legal key values, every byte written in its longest JSON form. Longer input is refused before decoding.
 */
function maxTokenLength(keys: readonly TokenKey[], scope: string): number {
  const jsonBytes = keys.reduce(
    (total, key) =>
      total + Buffer.byteLength(JSON.stringify(key.name)) + MAX_JSON_BYTES_PER_KEY_BYTE * MAX_KEY_BYTES[key.role] + 4, // the colon, the value's quotes, a comma
    Buffer.byteLength(JSON.stringify({ scope, key: {} })),
  );
  return Math.ceil((jsonBytes * 4) / 3);
}

function invalid(problem: string): InvalidRequestError {
  return new InvalidRequestError('nextToken', `${problem}; pass the nextToken of the previous page unchanged`);
}

/** The same key value, whatever its spelling (`1.50` and `1.5` are one number to DynamoDB). */
function sameKeyValue(a: KeyValue, b: KeyValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const [x, y] = [decimalParts(String(a)), decimalParts(String(b))];
  return (
    x !== undefined &&
    y !== undefined &&
    x.digits === y.digits &&
    x.exponent === y.exponent &&
    x.negative === y.negative
  );
}

/**
 * Decodes a `nextToken` back into an ExclusiveStartKey. It must be base64url of a JSON object holding exactly the
 * request's `scope` (see tokenScope) and a `key` with exactly `keys`, each a valid key value of its type with the
 * same checks as a key in the URL (DynamoDB's byte limits, 2,048 partition / 1,024 sort, and number range), and,
 * for a Query, `partition` (the path's key) as its partition value. Anything else is a 400, so a forged or
 * misplaced token never becomes an arbitrary DynamoDB request nor a 500. The length bound is the decoded key's, so
 * every token the API issues, at every legal key size, round-trips.
 */
export function decodeNextToken(
  token: string,
  keys: readonly TokenKey[],
  scope: string,
  partition?: { readonly name: string; readonly value: KeyValue },
): Record<string, KeyValue> {
  const maxLength = maxTokenLength(keys, scope);
  if (token.length > maxLength) {
    throw invalid(`is too long (${token.length} characters, at most ${maxLength} for this route's keys)`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid('is not base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid('does not decode to JSON');
  }
  const envelope = isObject(parsed) ? parsed : undefined;
  const key = envelope?.['key'];
  if (!envelope || Object.keys(envelope).length !== 2 || typeof envelope['scope'] !== 'string' || !isObject(key)) {
    throw invalid('is not a nextToken of this API');
  }
  if (envelope['scope'] !== scope) {
    throw invalid(`was issued for ${JSON.stringify(envelope['scope'])}, not for ${JSON.stringify(scope)}`);
  }
  const names = Object.keys(key);
  if (names.length !== keys.length || !keys.every((k) => names.includes(k.name))) {
    throw invalid(`must hold exactly the key attributes ${keys.map((k) => k.name).join(', ')}`);
  }
  const startKey: Record<string, KeyValue> = {};
  for (const attribute of keys) {
    const value: unknown = key[attribute.name];
    // The API writes a number key as a JSON number when a double holds it exactly, else as its decimal string.
    const ok =
      attribute.type === 'S' ? typeof value === 'string' : typeof value === 'string' || typeof value === 'number';
    if (!ok) throw invalid(`${attribute.name} must be a ${attribute.type === 'S' ? 'non-empty string' : 'number'}`);
    try {
      startKey[attribute.name] = parseKeyValue(String(value), attribute, attribute.name, attribute.role);
    } catch (error) {
      if (error instanceof InvalidRequestError) throw invalid(error.message);
      throw error;
    }
  }
  if (partition && !sameKeyValue(startKey[partition.name] ?? '', partition.value)) {
    throw invalid('was issued for another partition');
  }
  return startKey;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
