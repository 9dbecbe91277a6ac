import type { KeyAttribute } from '@xacct/config';
import { InvalidRequestError } from '../errors';
import { decimalParts } from '../validation/decimal-parts';
import type { KeyValue } from '../validation/decode-next-token';
import { parseKeyValue } from '../validation/parse-key-value';
import type { RouteParameters } from '../validation/read-parameters';

export interface KeyCondition {
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, KeyValue>;
}

/**
 * A Query's KeyConditionExpression: the partition, and at most one sort-key condition (DynamoDB allows one):
 * `skBeginsWith` (string keys), or `skFrom` and/or `skTo` (inclusive), each typed by the sort key's type.
 */
export function keyCondition(
  partition: { readonly attribute: KeyAttribute; readonly value: KeyValue },
  sortKey: KeyAttribute | undefined,
  parameters: RouteParameters,
): KeyCondition {
  const names: Record<string, string> = { '#pk': partition.attribute.name };
  const values: Record<string, KeyValue> = { ':pk': partition.value };
  const condition = (expression: string): KeyCondition => ({
    KeyConditionExpression: `#pk = :pk${expression ? ` AND ${expression}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  const [prefix, from, to] = ['skBeginsWith', 'skFrom', 'skTo'].map((name) => parameters.string(name));
  if (!sortKey || (prefix === undefined && from === undefined && to === undefined)) return condition('');
  names['#sk'] = sortKey.name;
  if (prefix !== undefined) {
    if (from !== undefined || to !== undefined) {
      throw new InvalidRequestError(
        'skBeginsWith',
        'cannot be combined with skFrom or skTo (DynamoDB takes one sort-key condition); use one kind',
      );
    }
    if (sortKey.type !== 'S') {
      throw new InvalidRequestError(
        'skBeginsWith',
        `applies to string sort keys only (${sortKey.name} is a number key); use skFrom and skTo`,
      );
    }
    values[':prefix'] = parseKeyValue(prefix, sortKey, 'skBeginsWith', 'sort');
    return condition('begins_with(#sk, :prefix)');
  }
  const low = from === undefined ? undefined : parseKeyValue(from, sortKey, 'skFrom', 'sort');
  const high = to === undefined ? undefined : parseKeyValue(to, sortKey, 'skTo', 'sort');
  if (low !== undefined) values[':from'] = low;
  if (high !== undefined) values[':to'] = high;
  if (low === undefined) return condition('#sk <= :to');
  if (high === undefined) return condition('#sk >= :from');
  if (compareKeyValues(low, high) > 0) {
    throw new InvalidRequestError('skFrom', `must not be greater than skTo (in ${sortKey.name}'s order)`);
  }
  return condition('#sk BETWEEN :from AND :to');
}

/** DynamoDB's order: strings by their UTF-8 bytes, numbers by value (exact, not through a double). */
function compareKeyValues(a: KeyValue, b: KeyValue): number {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  const [x, y] = [decimalParts(String(a)), decimalParts(String(b))];
  if (!x || !y) return 0;
  const sign = (p: typeof x): number => (p.digits === '' ? 0 : p.negative ? -1 : 1);
  if (sign(x) !== sign(y) || sign(x) === 0) return sign(x) - sign(y);
  // Same sign: the larger exponent, then (same width) the larger digit string, is the larger magnitude.
  const width = Math.max(x.digits.length, y.digits.length);
  const [dx, dy] = [x.digits.padEnd(width, '0'), y.digits.padEnd(width, '0')];
  const magnitude = x.exponent !== y.exponent ? x.exponent - y.exponent : dx < dy ? -1 : dx > dy ? 1 : 0;
  return sign(x) * Math.sign(magnitude);
}
