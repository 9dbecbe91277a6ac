import type { ItemFormat } from '../format/item-format';
import { formatItem } from '../format/item-format';
import { fitResponseBudget } from '../http/fit-response-budget';
import type { TokenKey } from '../validation/decode-next-token';
import { encodeNextToken } from '../validation/encode-next-token';

export interface ItemsPage {
  /** In the requested format (`?format=`). */
  readonly items: unknown[];
  readonly nextToken: string | null;
}

/**
 * The response page of a Scan or Query. A page whose response would pass Lambda's 6 MB limit is cut short, with a
 * nextToken that resumes after the last item returned: Scan and Query both resume after any item given its key
 * attributes (`keys`: the table's, or an index's plus the table's), which every returned item carries.
 */
export function itemsPage(
  read: readonly Record<string, unknown>[],
  lastEvaluatedKey: Record<string, unknown> | undefined,
  format: ItemFormat,
  keys: readonly TokenKey[],
  scope: string,
): ItemsPage {
  const items = read.map((item) => formatItem(item, format));
  const fit = fitResponseBudget(items);
  if (fit === items.length) return { items, nextToken: encodeNextToken(lastEvaluatedKey, scope) };
  const last = read[fit - 1] ?? {};
  const resumeAt = Object.fromEntries(keys.map((k) => [k.name, last[k.name]]));
  return { items: items.slice(0, fit), nextToken: encodeNextToken(resumeAt, scope) };
}
