import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { formatItem, parseFormat } from '../format/item-format';
import { fitResponseBudget } from '../http/fit-response-budget';
import { decodeNextToken } from '../validation/decode-next-token';
import { encodeNextToken } from '../validation/encode-next-token';
import { parseLimit } from '../validation/parse-limit';
import { readQuery } from '../validation/read-query';
import { rejectedByDynamodb } from '../validation/rejected-by-dynamodb';

export interface ItemsPage {
  /** In the requested format (`?format=`). */
  readonly items: unknown[];
  readonly nextToken: string | null;
}

/**
 * GET /items?limit=N&nextToken=T&format=F: one page of a Scan. A page whose response would pass Lambda's 6 MB
 * limit is cut short, with a nextToken that resumes after the last item returned.
 */
export async function listItems(
  client: DynamoDBDocumentClient,
  env: ReaderEnv,
  event: APIGatewayProxyEvent,
  abortSignal: AbortSignal | undefined,
): Promise<ItemsPage> {
  const query = readQuery(event, ['limit', 'nextToken', 'format']);
  const format = parseFormat(query['format']);
  const limit = parseLimit(query['limit']);
  const keys = env.sortKey ? [env.partitionKey, env.sortKey] : [env.partitionKey];
  const startKey = query['nextToken'] === undefined ? undefined : decodeNextToken(query['nextToken'], keys);
  const page = await client
    .send(new ScanCommand({ TableName: env.tableRef, Limit: limit, ExclusiveStartKey: startKey }), { abortSignal })
    .catch((error: unknown) => {
      // Only a request that carried a nextToken can have sent a bad start key; otherwise the failure is ours.
      throw (startKey === undefined ? undefined : rejectedByDynamodb(error, 'nextToken')) ?? error;
    });
  const read = page.Items ?? [];
  const items = read.map((item) => formatItem(item, format));
  const fit = fitResponseBudget(items);
  if (fit === items.length) return { items, nextToken: encodeNextToken(page.LastEvaluatedKey) };
  // A Scan resumes after any item given its key: the last item returned is the next page's ExclusiveStartKey.
  const last = read[fit - 1] ?? {};
  const resumeAt = Object.fromEntries(keys.map((k) => [k.name, last[k.name]]));
  return { items: items.slice(0, fit), nextToken: encodeNextToken(resumeAt) };
}
