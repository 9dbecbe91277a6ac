import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { decodeNextToken } from '../validation/decode-next-token';
import { encodeNextToken } from '../validation/encode-next-token';
import { parseLimit } from '../validation/parse-limit';
import { readQuery } from '../validation/read-query';
import { rejectedByDynamodb } from '../validation/rejected-by-dynamodb';

export interface ItemsPage {
  readonly items: Record<string, unknown>[];
  readonly nextToken: string | null;
}

/** GET /items?limit=N&nextToken=T: one page of a Scan. */
export async function listItems(
  client: DynamoDBDocumentClient,
  env: ReaderEnv,
  event: APIGatewayProxyEvent,
  abortSignal: AbortSignal | undefined,
): Promise<ItemsPage> {
  const query = readQuery(event, ['limit', 'nextToken']);
  const limit = parseLimit(query['limit']);
  const keys = env.sortKey ? [env.partitionKey, env.sortKey] : [env.partitionKey];
  const startKey = query['nextToken'] === undefined ? undefined : decodeNextToken(query['nextToken'], keys);
  const page = await client
    .send(new ScanCommand({ TableName: env.tableRef, Limit: limit, ExclusiveStartKey: startKey }), { abortSignal })
    .catch((error: unknown) => {
      // Only a request that carried a nextToken can have sent a bad start key; otherwise the failure is ours.
      throw (startKey === undefined ? undefined : rejectedByDynamodb(error, 'nextToken')) ?? error;
    });
  return { items: page.Items ?? [], nextToken: encodeNextToken(page.LastEvaluatedKey) };
}
