import type { ReaderEnv, ReaderIndex } from '@xacct/config';
import type { TokenKey } from '../validation/decode-next-token';

/** The table's key attributes: what a Scan's or a table Query's LastEvaluatedKey holds. */
export function tableKeyAttributes(env: ReaderEnv): TokenKey[] {
  return [
    { ...env.partitionKey, role: 'partition' },
    ...(env.sortKey ? [{ ...env.sortKey, role: 'sort' as const }] : []),
  ];
}

/** An index Query's LastEvaluatedKey: the index's key attributes, then the table's not already among them. */
export function indexKeyAttributes(env: ReaderEnv, index: ReaderIndex): TokenKey[] {
  const keys: TokenKey[] = [
    { ...index.partitionKey, role: 'partition' },
    ...(index.sortKey ? [{ ...index.sortKey, role: 'sort' as const }] : []),
  ];
  return [...keys, ...tableKeyAttributes(env).filter((key) => !keys.some((k) => k.name === key.name))];
}
