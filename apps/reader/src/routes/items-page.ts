import type { ItemFormat } from '../format/item-format';
import { formatItem } from '../format/item-format';
import { fitResponseBudget, fitsResponseBudget } from '../http/fit-response-budget';
import { SerializedJson } from '../http/json-response';
import type { TokenKey } from '../validation/decode-next-token';
import { encodeNextToken } from '../validation/encode-next-token';

/** The body of a page: `{ items, nextToken }`, items in the requested format (`?format=`). */
export interface ItemsPage {
  readonly items: unknown[];
  readonly nextToken: string | null;
}

/**
 * The response page of a Scan or Query, serialized. A page whose response would pass Lambda's 6 MB limit is cut
 * short, with a nextToken that resumes after the last item returned: Scan and Query both resume after any item
 * given its key attributes (`keys`: the table's, or an index's plus the table's), which every returned item carries.
 */
export function itemsPage(
  read: readonly Record<string, unknown>[],
  lastEvaluatedKey: Record<string, unknown> | undefined,
  format: ItemFormat,
  keys: readonly TokenKey[],
  scope: string,
): SerializedJson {
  const items = read.map((item) => formatItem(item, format));
  const whole = JSON.stringify({ items, nextToken: encodeNextToken(lastEvaluatedKey, scope) } satisfies ItemsPage);
  // Escaping at most doubles the bytes: a page within half the budget (every usual page) needs no item count.
  if (fitsResponseBudget(whole)) return new SerializedJson(whole);
  const fit = fitResponseBudget(items);
  if (fit === items.length) return new SerializedJson(whole);
  const last = read[fit - 1] ?? {};
  const resumeAt = Object.fromEntries(keys.map((k) => [k.name, last[k.name]]));
  const page: ItemsPage = { items: items.slice(0, fit), nextToken: encodeNextToken(resumeAt, scope) };
  return new SerializedJson(JSON.stringify(page));
}
