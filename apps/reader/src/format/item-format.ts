import { toAttributeMap } from './to-dynamodb-json';
import { toJsonValue } from './to-json-value';

/** `?format=`: plain JSON (the default) or DynamoDB JSON, which keeps set vs list and every type. */
export type ItemFormat = 'json' | 'dynamodb';

/** An unmarshalled item in the response format. */
export function formatItem(item: Record<string, unknown>, format: ItemFormat): unknown {
  return format === 'dynamodb' ? toAttributeMap(item) : toJsonValue(item);
}
