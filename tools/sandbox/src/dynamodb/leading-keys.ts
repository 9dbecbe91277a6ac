/**
 * Stands for the partition key of a Query whose key condition the sandbox cannot read: matches no policy value, so a
 * `ForAllValues:` condition denies instead of passing vacuously on an absent key.
 */
export const UNREADABLE_LEADING_KEY = '(sandbox: unreadable KeyConditionExpression)';

/**
 * The values of `dynamodb:LeadingKeys` for a request: the partition key values it reads or writes. Undefined when the
 * request names no partition key (Scan), as in AWS, where the key is then absent (and `ForAllValues:` conditions
 * match vacuously); `[UNREADABLE_LEADING_KEY]` for a Query whose key condition the sandbox cannot read.
 * @param request for batch actions the table's entry of RequestItems, otherwise the request body.
 */
export function leadingKeys(action: string, request: unknown, hashKey: string): string[] | undefined {
  const body = (request ?? {}) as Record<string, unknown>;
  switch (action) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return present([valueOf((body.Key as Record<string, unknown> | undefined)?.[hashKey])]);
    case 'PutItem':
      return present([valueOf((body.Item as Record<string, unknown> | undefined)?.[hashKey])]);
    case 'Query':
      return present([queryKey(body, hashKey)]) ?? [UNREADABLE_LEADING_KEY];
    case 'BatchGetItem':
      return present(
        ((body.Keys as unknown[] | undefined) ?? []).map((key) => valueOf((key as Record<string, unknown>)?.[hashKey])),
      );
    case 'BatchWriteItem':
      return present(
        (Array.isArray(request) ? request : []).map(
          (entry: Record<string, Record<string, Record<string, unknown>> | undefined>) =>
            valueOf(entry?.PutRequest?.Item?.[hashKey] ?? entry?.DeleteRequest?.Key?.[hashKey]),
        ),
      );
    default:
      return undefined;
  }
}

function queryKey(body: Record<string, unknown>, hashKey: string): string | undefined {
  const legacy = (body.KeyConditions as Record<string, { AttributeValueList?: unknown[] }> | undefined)?.[hashKey];
  if (legacy !== undefined) return valueOf(legacy.AttributeValueList?.[0]);
  if (typeof body.KeyConditionExpression !== 'string') return undefined;
  const names = (body.ExpressionAttributeNames as Record<string, string> | undefined) ?? {};
  const values = (body.ExpressionAttributeValues as Record<string, unknown> | undefined) ?? {};
  for (const part of body.KeyConditionExpression.split(/\s+AND\s+/i)) {
    const match = /^\s*\(?\s*([#:\w.-]+)\s*=\s*([#:\w.-]+)\s*\)?\s*$/.exec(part);
    if (match === null) continue;
    const [, left = '', right = ''] = match;
    const [name, placeholder] = left.startsWith(':') ? [right, left] : [left, right];
    if ((names[name] ?? name) === hashKey && placeholder.startsWith(':')) return valueOf(values[placeholder]);
  }
  return undefined;
}

function valueOf(attribute: unknown): string | undefined {
  if (attribute === null || typeof attribute !== 'object') return undefined;
  const { S, N, B } = attribute as { S?: unknown; N?: unknown; B?: unknown };
  const value = S ?? N ?? B;
  return typeof value === 'string' ? value : undefined;
}

function present(values: Array<string | undefined>): string[] | undefined {
  const found = values.filter((value): value is string => value !== undefined);
  return found.length === 0 ? undefined : [...new Set(found)];
}
