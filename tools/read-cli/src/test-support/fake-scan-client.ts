import type { ListItemsOptions, Page, ReaderClient } from '@xacct/reader-client';

/**
 * A `listItems` over `count` items `{ id: "i0001" }`, split into segments by index modulo totalSegments, paged by
 * `limit` (default 10) with the offset as token. `failOnCall` throws on that call (1-based) to model an API error.
 */
export function fakeScanClient(count: number, failOnCall?: number) {
  const ids = Array.from({ length: count }, (_, i) => `i${String(i + 1).padStart(4, '0')}`);
  const calls: ListItemsOptions[] = [];
  const client: Pick<ReaderClient, 'listItems'> = {
    listItems: async <T>(options: ListItemsOptions = {}): Promise<Page<T>> => {
      calls.push(options);
      await new Promise((resolve) => setTimeout(resolve, 1));
      options.signal?.throwIfAborted();
      if (calls.length === failOnCall) throw new Error('TargetUnavailable: injected');
      const total = options.totalSegments ?? 1;
      const mine = ids.filter((_, i) => i % total === (options.segment ?? 0));
      const start = Number(options.nextToken ?? 0);
      const end = start + (options.limit ?? 10);
      return {
        items: mine.slice(start, end).map((id) => ({ id })) as T[],
        nextToken: end < mine.length ? String(end) : null,
      };
    },
  };
  return { client, calls, ids };
}
