import { InvalidRequestError } from '../errors';
import { describeInput } from '../validation/describe-input';
import { toAttributeMap } from './to-dynamodb-json';
import { toJsonValue } from './to-json-value';

/** `?format=`: plain JSON (the default) or DynamoDB JSON, which keeps set vs list and every type. */
export type ItemFormat = 'json' | 'dynamodb';

export function parseFormat(raw: string | undefined): ItemFormat {
  if (raw === undefined || raw === 'json') return 'json';
  if (raw === 'dynamodb') return 'dynamodb';
  throw new InvalidRequestError('format', `must be "json" (the default) or "dynamodb", got ${describeInput(raw)}`);
}

/** An unmarshalled item in the response format. */
export function formatItem(item: Record<string, unknown>, format: ItemFormat): unknown {
  return format === 'dynamodb' ? toAttributeMap(item) : toJsonValue(item);
}
