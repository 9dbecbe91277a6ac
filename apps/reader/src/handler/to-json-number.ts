import { exactJsNumber } from '../validation/exact-js-number';

/**
 * Unmarshalls a DynamoDB number for a JSON response: a JavaScript number when it holds the value exactly,
 * else the decimal string (the document client would otherwise throw or produce a BigInt, which JSON cannot carry).
 * DynamoDB keeps 38 significant digits, a double about 15-17.
 */
export function toJsonNumber(value: string): number | string {
  return exactJsNumber(value) ?? value;
}
