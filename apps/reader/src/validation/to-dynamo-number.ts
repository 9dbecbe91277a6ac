import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { decimalParts } from './decimal-parts';
import { exactJsNumber } from './exact-js-number';

/** DynamoDB's number limits: magnitude 1E-130 to 9.9999999999999999999999999999999999999E+125, 38 significant digits. */
const MIN_EXPONENT = -130;
const MAX_EXPONENT = 125;
const MAX_DIGITS = 38;

/**
 * Converts a decimal string to a DynamoDB number key value, or returns the problem (a sentence fragment) when
 * DynamoDB would reject it. Values a double holds exactly stay plain numbers; any other is a `NumberValue` carrying
 * the exact digits, so `0.12345678901234567891` or `9007199254740993` reach DynamoDB unrounded.
 */
export function toDynamoNumber(text: string): { value: number | NumberValue } | { problem: string } {
  const parts = decimalParts(text);
  if (!parts) return { problem: 'is not a plain decimal number (like 42, -1.5 or 2.5e-3)' };
  if (parts.digits !== '') {
    if (parts.digits.length > MAX_DIGITS) {
      return { problem: `has ${parts.digits.length} significant digits; DynamoDB numbers hold at most ${MAX_DIGITS}` };
    }
    if (parts.exponent > MAX_EXPONENT || parts.exponent < MIN_EXPONENT) {
      return { problem: 'is outside the range of DynamoDB numbers (magnitude 1E-130 to 9.99…E+125)' };
    }
  }
  return { value: exactJsNumber(text) ?? NumberValue.from(text) };
}
