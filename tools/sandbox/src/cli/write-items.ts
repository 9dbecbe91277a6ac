import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AdminCredentials } from '../iam/iam-store';

export interface WriteItemsInput {
  readonly endpoint: string;
  readonly region: string;
  readonly table: string;
  readonly credentials: AdminCredentials;
  readonly items: readonly Record<string, unknown>[];
}

/**
 * Writes items (plain JavaScript values) through the normal, SigV4- and IAM-checked DynamoDB endpoint with the real
 * SDK, 25 per BatchWriteItem, retrying unprocessed ones. @returns the number of items written.
 */
export async function writeItems(input: WriteItemsInput): Promise<number> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: input.endpoint,
      region: input.region,
      credentials: { accessKeyId: input.credentials.accessKeyId, secretAccessKey: input.credentials.secretAccessKey },
    }),
  );
  try {
    for (let start = 0; start < input.items.length; start += 25) {
      let pending: Record<string, Array<Record<string, unknown>>> = {
        [input.table]: input.items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
      };
      // BatchWrite may leave items unprocessed; retry them until none is left.
      while (Object.keys(pending).length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: pending }));
        pending = (result.UnprocessedItems ?? {}) as Record<string, Array<Record<string, unknown>>>;
      }
    }
  } finally {
    client.destroy();
  }
  return input.items.length;
}
