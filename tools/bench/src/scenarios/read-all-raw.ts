import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BenchError } from '../errors';

/** A raw paged Scan (Limit `limit`) over the whole table: what the paged API is compared with. */
export async function readAllRaw(
  client: DynamoDBDocumentClient,
  tableName: string,
  expected: number,
  limit: number,
): Promise<{ items: number; pages: number; ms: number }> {
  const started = performance.now();
  let items = 0;
  let pages = 0;
  let startKey: Record<string, unknown> | undefined;
  const maxPages = Math.ceil(expected / limit) + 2;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, Limit: limit, ExclusiveStartKey: startKey }),
    );
    items += page.Items?.length ?? 0;
    startKey = page.LastEvaluatedKey;
    pages += 1;
    if (pages > maxPages) throw new BenchError('UnexpectedResponse', `raw Scan still paging after ${pages} pages`);
  } while (startKey !== undefined);
  const ms = performance.now() - started;
  if (items !== expected) {
    throw new BenchError('UnexpectedResponse', `raw Scan read ${items} items, the table has ${expected}`);
  }
  return { items, pages, ms };
}
