import { requireFunctions } from '../sandbox/require-functions';
import { BenchError } from '../errors';
import type { BenchEnvironment } from '../sandbox/bench-environment';
import { expectOk } from './expect-ok';

/** Pages bounded by the table size: a nextToken loop that never ends is a reader bug, reported, not waited out. */
export async function readAllViaApi(
  env: BenchEnvironment,
  expected: number,
  limit: number,
): Promise<{ items: number; pages: number; ms: number }> {
  const started = performance.now();
  const seen = new Set<string>();
  const keyName = env.stage.table.partitionKey.name;
  let nextToken: string | null = null;
  let pages = 0;
  const maxPages = Math.ceil(expected / limit) + 2;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(nextToken ? { nextToken } : {}) });
    const response = expectOk(
      await env.caller.get(`${requireFunctions(env).reader.itemsUrl}?${query}`),
      'reader paged GET /items',
    );
    const page = JSON.parse(response.body) as { items: Array<Record<string, unknown>>; nextToken: string | null };
    for (const item of page.items) seen.add(String(item[keyName]));
    nextToken = page.nextToken;
    pages += 1;
    if (pages > maxPages) {
      throw new BenchError('UnexpectedResponse', `reader still returns a nextToken after ${pages} pages of ${limit}`);
    }
  } while (nextToken !== null);
  const ms = performance.now() - started;
  if (seen.size !== expected) {
    throw new BenchError(
      'UnexpectedResponse',
      `reader paged through ${seen.size} distinct items, the table has ${expected}`,
    );
  }
  return { items: seen.size, pages, ms };
}
