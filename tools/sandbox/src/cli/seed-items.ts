import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AdminCredentials } from '../iam/iam-store';

export interface SeedItemsInput {
  readonly endpoint: string;
  readonly region: string;
  readonly table: string;
  readonly credentials: AdminCredentials;
  /** Generated items besides the two classic ones. @default 0 */
  readonly count?: number;
  /** @default 'deviceId' */
  readonly keyName?: string;
}

/**
 * Writes the classic sample items ({deviceId: 'd0001', name: 'This is a pen.'}, {deviceId: 'd0002', name: 'Fooooooo'})
 * and `count` generated ones through the normal, SigV4- and IAM-checked DynamoDB endpoint with the real SDK.
 * @returns the number of items written.
 */
export async function seedItems(input: SeedItemsInput): Promise<number> {
  const key = input.keyName ?? 'deviceId';
  const items: Array<Record<string, unknown>> = [
    { [key]: 'd0001', name: 'This is a pen.' },
    { [key]: 'd0002', name: 'Fooooooo' },
  ];
  for (let n = 3; n < 3 + (input.count ?? 0); n++) {
    items.push({ [key]: `d${String(n).padStart(4, '0')}`, name: `Generated device ${n}` });
  }
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: input.endpoint,
      region: input.region,
      credentials: { accessKeyId: input.credentials.accessKeyId, secretAccessKey: input.credentials.secretAccessKey },
    }),
  );
  try {
    for (let start = 0; start < items.length; start += 25) {
      let pending: Record<string, Array<Record<string, unknown>>> = {
        [input.table]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
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
  return items.length;
}
