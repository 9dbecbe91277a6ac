import { InvalidRequestError } from '../errors';

/** Enough for any real projection, and far inside DynamoDB's 4 KB expression limit (`#p99, ` is 6 bytes). */
const MAX_FIELDS = 100;

export interface Projection {
  readonly ProjectionExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
}

/**
 * `fields=a,b` as a ProjectionExpression of placeholders only (`#p0, #p1`), the names in ExpressionAttributeNames,
 * so no caller text ever becomes expression syntax. `keyNames` are always added: the LastEvaluatedKey and the 6 MB
 * cut resume from them. Each name is one top-level attribute (`a.b` is the attribute named `a.b`).
 */
export function projectionOf(fields: string | undefined, keyNames: readonly string[]): Projection {
  if (fields === undefined) return {};
  const names = fields.split(',');
  if (names.some((name) => name === '')) {
    throw new InvalidRequestError('fields', 'has an empty attribute name; write fields=name1,name2');
  }
  if (names.length > MAX_FIELDS) {
    throw new InvalidRequestError('fields', `names ${names.length} attributes; at most ${MAX_FIELDS}`);
  }
  const unique = [...new Set([...names, ...keyNames])];
  return {
    ProjectionExpression: unique.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(unique.map((name, i) => [`#p${i}`, name])),
  };
}
