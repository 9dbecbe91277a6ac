import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { base64 } from './to-json-value';

/** One DynamoDB-JSON attribute value, as the low-level API writes it (binary as base64). */
export type DynamodbJson =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: DynamodbJson[] }
  | { M: Record<string, DynamodbJson> };

/**
 * An unmarshalled value (read with `unmarshallNumber`, so every N keeps its exact digits) back in DynamoDB JSON:
 * sets stay sets, numbers stay exact, binary is standard base64.
 */
export function toDynamodbJson(value: unknown): DynamodbJson {
  if (typeof value === 'string') return { S: value };
  if (value instanceof NumberValue) return { N: value.value };
  if (typeof value === 'number' || typeof value === 'bigint') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null || value === undefined) return { NULL: true };
  if (value instanceof Uint8Array) return { B: base64(value) };
  if (value instanceof Set) return toSet([...(value as Set<unknown>)]);
  if (Array.isArray(value)) return { L: value.map(toDynamodbJson) };
  return { M: toAttributeMap(value as Record<string, unknown>) };
}

/** An item as its DynamoDB-JSON attribute map (`{ "id": { "S": "…" }, … }`). */
export function toAttributeMap(item: Record<string, unknown>): Record<string, DynamodbJson> {
  return Object.fromEntries(Object.entries(item).map(([name, v]) => [name, toDynamodbJson(v)]));
}

function toSet(members: unknown[]): DynamodbJson {
  // DynamoDB has no empty sets, and a set's members share one type.
  const first = members[0];
  if (first instanceof Uint8Array) return { BS: members.map((m) => base64(m as Uint8Array)) };
  if (first instanceof NumberValue || typeof first === 'number' || typeof first === 'bigint') {
    return { NS: members.map((m) => (m instanceof NumberValue ? m.value : String(m))) };
  }
  return { SS: members as string[] };
}
