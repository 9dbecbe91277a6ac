/**
 * Unmarshalls a DynamoDB number for a JSON response: a JavaScript number when it holds the value exactly,
 * else the decimal string (the document client would otherwise throw or produce a BigInt, which JSON cannot carry).
 */
export function toJsonNumber(value: string): number | string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? n : value;
  // Decimals: keep the number unless significant digits would be lost (DynamoDB keeps 38, a double about 15).
  const digits = value
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '');
  return digits.length <= 15 ? n : value;
}
