import { GetCommand, type DynamoDBDocumentClient, type NumberValue } from '@aws-sdk/lib-dynamodb';
import type { ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError, NotFoundError } from '../errors';
import { formatItem, parseFormat } from '../format/item-format';
import { parseKeyValue } from '../validation/parse-key-value';
import { readQuery } from '../validation/read-query';
import { rejectedByDynamodb } from '../validation/rejected-by-dynamodb';

/** GET /items/{key}[?sk=][&format=]: GetItem by the table's key, converted to the configured key types. */
export async function getItem(
  client: DynamoDBDocumentClient,
  env: ReaderEnv,
  event: APIGatewayProxyEvent,
  rawKey: string,
  abortSignal: AbortSignal | undefined,
): Promise<unknown> {
  const query = readQuery(event, env.sortKey ? ['sk', 'format'] : ['format']);
  const format = parseFormat(query['format']);
  const key: Record<string, string | number | NumberValue> = {
    [env.partitionKey.name]: parseKeyValue(rawKey, env.partitionKey, 'key', 'partition'),
  };
  if (env.sortKey) {
    const sk = query['sk'];
    if (sk === undefined) {
      throw new InvalidRequestError('sk', `is required: the table's sort key ${env.sortKey.name} is part of the key`);
    }
    key[env.sortKey.name] = parseKeyValue(sk, env.sortKey, 'sk', 'sort');
  }
  const result = await client
    .send(new GetCommand({ TableName: env.tableRef, Key: key }), { abortSignal })
    .catch((error: unknown) => {
      throw rejectedByDynamodb(error, 'key') ?? error;
    });
  if (!result.Item) throw new NotFoundError('No item with this key.');
  return formatItem(result.Item, format);
}
