import { NumberValue } from '@aws-sdk/lib-dynamodb';

/**
 * The document client's `wrapNumbers`: an N as a JavaScript number when that number writes back as exactly
 * DynamoDB's digits (and is a safe integer or smaller, which the marshaller requires for a nextToken's key), else a
 * NumberValue with the digits. Both formats then write every N unchanged, and the common item (numbers like 42 or
 * 18.5) needs no NumberValue and no copy when it becomes JSON.
 */
export function unmarshallNumber(text: string): number | NumberValue {
  const value = Number(text);
  return Math.abs(value) <= Number.MAX_SAFE_INTEGER && String(value) === text ? value : NumberValue.from(text);
}
