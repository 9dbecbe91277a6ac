import type { KeyAttribute } from '@xacct/config';
import { InvalidRequestError } from '../errors';
import { describeInput } from './describe-input';

/** DynamoDB's key size limits in UTF-8 bytes. */
const MAX_KEY_BYTES = { partition: 2048, sort: 1024 } as const;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Converts a key from the URL to the table's key type: `S` must be non-empty and within DynamoDB's size limit;
 * `N` must be a decimal number a JavaScript number holds exactly (so `abc`, `0x10` or `9007199254740993` are 400s).
 */
export function parseKeyValue(
  raw: string,
  attribute: KeyAttribute,
  parameter: string,
  role: 'partition' | 'sort',
): string | number {
  if (attribute.type === 'S') {
    if (raw === '') throw new InvalidRequestError(parameter, `must not be empty (${attribute.name} is a string key)`);
    const bytes = Buffer.byteLength(raw, 'utf8');
    if (bytes > MAX_KEY_BYTES[role]) {
      throw new InvalidRequestError(parameter, `must be at most ${MAX_KEY_BYTES[role]} bytes, got ${bytes}`);
    }
    return raw;
  }
  const value = Number(raw);
  if (!NUMBER.test(raw) || !Number.isFinite(value)) {
    throw new InvalidRequestError(
      parameter,
      `must be a number (${attribute.name} is a number key), got ${describeInput(raw)}`,
    );
  }
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new InvalidRequestError(parameter, `is outside the supported integer range (±${Number.MAX_SAFE_INTEGER})`);
  }
  return value;
}
