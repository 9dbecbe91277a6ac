// dynalite's own ARNs (its account and region come from env) followed by the sandbox's `<account>.<region>.` prefix.
const BACKEND_ARN = /arn:aws:dynamodb:[^:]*:\d*:table\/(\d{12})\.([a-z0-9-]+)\./g;
// A table name may start with any of its characters, `.` included (`.cache` is a valid name).
const PHYSICAL_PREFIX = /\b(\d{12})\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?=[a-zA-Z0-9_.-])/g;

// Subtrees that hold item data: never rewritten (an attribute value may look like anything).
const ITEM_KEYS = new Set([
  'Item',
  'Items',
  'Attributes',
  'LastEvaluatedKey',
  'Key',
  'Keys',
  'ExclusiveStartKey',
  'ItemCollectionMetrics',
]);
// Maps keyed by table name.
const TABLE_KEYED = new Set(['Responses', 'UnprocessedItems', 'UnprocessedKeys']);

/**
 * Rewrites a dynalite response (or error message) from physical names (`<account>.<region>.<name>`) and dynalite's
 * ARNs to what the caller's account sees: `<name>` and `arn:aws:dynamodb:<region>:<account>:table/<name>`.
 */
export function toLogicalNames<T>(value: T): T {
  return rewrite(value) as T;
}

function rewrite(value: unknown, tableKeyed = false): unknown {
  if (typeof value === 'string') {
    return value.replace(BACKEND_ARN, 'arn:aws:dynamodb:$2:$1:table/').replace(PHYSICAL_PREFIX, '');
  }
  if (Array.isArray(value)) return value.map((entry) => rewrite(entry));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const name = tableKeyed ? (rewrite(key) as string) : key;
    if (tableKeyed) out[name] = Array.isArray(entry) ? entry : rewrite(entry);
    else if (ITEM_KEYS.has(key)) out[name] = entry;
    else out[name] = rewrite(entry, TABLE_KEYED.has(key));
  }
  return out;
}

/**
 * Whether a dynalite response's JSON text may hold a physical name (dynalite's ARNs contain one too). A response
 * without one (a page of items, almost always) goes to the caller as it came, not parsed and written again.
 */
export function mayNeedLogicalNames(text: string): boolean {
  return PHYSICAL_NAME.test(text);
}

const PHYSICAL_NAME = new RegExp(PHYSICAL_PREFIX.source);
