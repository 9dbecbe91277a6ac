import type { NumberValue } from '@aws-sdk/lib-dynamodb';
import type { KeyAttribute } from '@xacct/config';
import { InvalidRequestError } from '../errors';
import { describeInput } from './describe-input';
import { toDynamoNumber } from './to-dynamo-number';

/** DynamoDB's key size limits in UTF-8 bytes. */
export const MAX_KEY_BYTES = { partition: 2048, sort: 1024 } as const;

/**
 * Converts a key value (from the URL or a nextToken) to the table's key type: `S` must be non-empty and within
 * DynamoDB's size limit; `N` must be a plain decimal number within DynamoDB's range and precision (so `abc`, `0x10`,
 * `1e-200` or 39 significant digits are 400s). Numbers a double cannot hold exactly keep every digit (NumberValue).
 */
export function parseKeyValue(
  raw: string,
  attribute: KeyAttribute,
  parameter: string,
  role: 'partition' | 'sort',
): string | number | NumberValue {
  if (attribute.type === 'S') {
    if (raw === '') throw new InvalidRequestError(parameter, `must not be empty (${attribute.name} is a string key)`);
    const bytes = Buffer.byteLength(raw, 'utf8');
    if (bytes > MAX_KEY_BYTES[role]) {
      throw new InvalidRequestError(parameter, `must be at most ${MAX_KEY_BYTES[role]} bytes, got ${bytes}`);
    }
    return raw;
  }
  const number = toDynamoNumber(raw);
  if ('problem' in number) {
    throw new InvalidRequestError(
      parameter,
      `must be a number (${attribute.name} is a number key): ${describeInput(raw)} ${number.problem}`,
    );
  }
  return number.value;
}
