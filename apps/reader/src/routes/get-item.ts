import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReadApiRoute, ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError, NotFoundError } from '../errors';
import { formatItem, type ItemFormat } from '../format/item-format';
import type { KeyValue } from '../validation/decode-next-token';
import { parseKeyValue } from '../validation/parse-key-value';
import { readParameters } from '../validation/read-parameters';
import { rejectedByDynamodb } from '../validation/rejected-by-dynamodb';
import { projectionOf } from './projection';
import { tableKeyAttributes } from './key-attributes';

/** The parameters of GET /items/{pk} that a GetItem takes; the others belong to the partition Query. */
const GET_ITEM_PARAMETERS = ['sk', 'fields', 'consistent', 'format'];

/**
 * GET /items/{pk} on a table without a sort key, or with `?sk=`: GetItem by the table's key, converted to the
 * configured key types. 404 when absent.
 */
export async function getItem(
  client: DynamoDBDocumentClient,
  env: ReaderEnv,
  route: ReadApiRoute,
  event: APIGatewayProxyEvent,
  pk: string,
  abortSignal: AbortSignal | undefined,
): Promise<unknown> {
  const parameters = readParameters(event, route.queryParameters, env.sortKey !== undefined);
  const misplaced = parameters.given.find((name) => !GET_ITEM_PARAMETERS.includes(name));
  if (misplaced !== undefined) {
    throw new InvalidRequestError(
      misplaced,
      'belongs to a partition query, not to a GetItem with sk; drop one of them',
    );
  }
  const key: Record<string, KeyValue> = {
    [env.partitionKey.name]: parseKeyValue(pk, env.partitionKey, 'pk', 'partition'),
  };
  const sk = parameters.string('sk');
  if (env.sortKey && sk !== undefined) key[env.sortKey.name] = parseKeyValue(sk, env.sortKey, 'sk', 'sort');
  const input = {
    TableName: env.tableRef,
    Key: key,
    ...(parameters.boolean('consistent') ? { ConsistentRead: true } : {}),
    ...projectionOf(
      parameters.string('fields'),
      tableKeyAttributes(env).map((k) => k.name),
    ),
  };
  const result = await client.send(new GetCommand(input), { abortSignal }).catch((error: unknown) => {
    throw rejectedByDynamodb(error, 'pk') ?? error;
  });
  if (!result.Item) throw new NotFoundError('No item with this key.');
  return formatItem(result.Item, parameters.string('format') as ItemFormat);
}
