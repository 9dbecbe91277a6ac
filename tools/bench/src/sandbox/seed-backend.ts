import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BenchError } from '../errors';

const BATCH = 25;
const PARALLEL = 8;

/**
 * Writes generated items `item(from)` .. `item(to - 1)` straight into the storage engine, 25 per BatchWriteItem, 8 batches in flight.
 * Seeding is set-up, not a measurement, so it skips the IAM front; unprocessed items are retried a bounded number of times.
 */
export async function seedBackend(
  client: DynamoDBDocumentClient,
  tableName: string,
  from: number,
  to: number,
  item: (index: number) => Record<string, unknown>,
): Promise<void> {
  let next = from;
  async function lane(): Promise<void> {
    while (next < to) {
      const start = next;
      const end = Math.min(start + BATCH, to);
      next = end;
      let requests = Array.from({ length: end - start }, (_, i) => ({ PutRequest: { Item: item(start + i) } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === 5)
          throw new BenchError('WorkerFailed', `seeding: ${requests.length} items still unprocessed after 5 attempts`);
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, lane));
}
