import type { KeyAttribute } from './reader-env';

interface Keyed {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

/** A problem in a list of index declarations; `path` is relative to the list. */
export interface IndexKeyIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * What CreateTable would reject in a table's index declarations, checked before a deploy: a duplicate index name, an
 * index whose two keys are one attribute, and an attribute given two types (a table has one AttributeDefinition per
 * attribute, shared by its keys and every index's keys). The stage schema and the reader's env schema both use it.
 */
export function indexKeyIssues(indexes: readonly (Keyed & { readonly name: string })[], table: Keyed): IndexKeyIssue[] {
  const issues: IndexKeyIssue[] = [];
  const typed = new Map<string, { type: string; where: string }>();
  typed.set(table.partitionKey.name, { type: table.partitionKey.type, where: "the table's partition key" });
  if (table.sortKey) typed.set(table.sortKey.name, { type: table.sortKey.type, where: "the table's sort key" });
  const seen = new Map<string, number>();
  indexes.forEach((index, i) => {
    const first = seen.get(index.name);
    if (first === undefined) seen.set(index.name, i);
    else
      issues.push({
        path: [i, 'name'],
        message: `must be unique: index ${i} repeats the name "${index.name}" of index ${first}`,
      });
    if (index.sortKey?.name === index.partitionKey.name) {
      issues.push({ path: [i, 'sortKey', 'name'], message: "must differ from the index's partition key name" });
    }
    for (const [role, key] of [
      ['partitionKey', index.partitionKey],
      ['sortKey', index.sortKey],
    ] as const) {
      if (!key) continue;
      const known = typed.get(key.name);
      if (known === undefined) {
        const what = role === 'partitionKey' ? 'partition key' : 'sort key';
        typed.set(key.name, { type: key.type, where: `index "${index.name}"'s ${what}` });
      } else if (known.type !== key.type) {
        issues.push({
          path: [i, role, 'type'],
          message: `must be "${known.type}" like ${known.where} "${key.name}" (DynamoDB gives an attribute one type across the table and its indexes), got "${key.type}"`,
        });
      }
    }
  });
  return issues;
}
