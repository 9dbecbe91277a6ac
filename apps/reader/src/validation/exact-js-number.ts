import { decimalParts } from './decimal-parts';

/**
 * The JavaScript number for a decimal string when it holds every digit (and is within ±2^53-1, which the
 * DynamoDB marshaller requires); undefined when a double would round it, e.g. `0.12345678901234567891` or 2^53+1.
 */
export function exactJsNumber(text: string): number | undefined {
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return undefined;
  // Runs for every number of every returned item: the common case (already the shortest form) needs no parsing.
  if (String(value) === text) return value;
  const written = decimalParts(text);
  // String(value) is the shortest decimal that reads back as the same double: equal parts mean nothing was rounded.
  const held = decimalParts(String(value));
  if (!written || !held) return undefined;
  const same =
    written.digits === held.digits && written.exponent === held.exponent && written.negative === held.negative;
  return same ? value : undefined;
}
