import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { toJsonNumber } from '../handler/to-json-number';

/**
 * An unmarshalled DynamoDB value as plain JSON (the reader README's mapping table): N as a JSON number when a
 * double holds it exactly, else its decimal string; B as standard base64 with padding; SS, NS and BS as arrays.
 * A plain `JSON.stringify` would turn sets into `{}` and binary into `{"0":1,…}`.
 */
export function toJsonValue(value: unknown): unknown {
  // Hot path (every attribute of every item): primitives first, and an object or list is copied only when one of
  // its values changes, so an item of strings costs a loop, not a copy.
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof NumberValue) return toJsonNumber(value.value);
  if (value instanceof Uint8Array) return base64(value);
  if (value instanceof Set) return Array.from(value as Set<unknown>, toJsonValue);
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const name in source) {
    const converted = toJsonValue(source[name]);
    if (converted !== source[name]) {
      copy ??= Array.isArray(source)
        ? ([...(source as unknown[])] as unknown as Record<string, unknown>)
        : { ...source };
      copy[name] = converted;
    }
  }
  return copy ?? source;
}

/** RFC 4648 §4 base64 (not base64url), with padding. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
