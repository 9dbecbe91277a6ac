import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReadApiRoute, ReaderEnv, ReaderIndex } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError, NotFoundError } from '../errors';
import type { ItemFormat } from '../format/item-format';
import { decodeNextToken } from '../validation/decode-next-token';
import { describeInput } from '../validation/describe-input';
import { parseKeyValue } from '../validation/parse-key-value';
import { readParameters } from '../validation/read-parameters';
import { hasQueryParameter } from '../validation/read-query';
import { rejectedByDynamodb } from '../validation/rejected-by-dynamodb';
import { tokenScope } from '../validation/token-scope';
import type { SerializedJson } from '../http/json-response';
import { itemsPage } from './items-page';
import { keyCondition } from './key-condition';
import { indexKeyAttributes, tableKeyAttributes } from './key-attributes';
import { projectionOf } from './projection';

/**
 * One page of a Query of a partition: of the table (GET /items/{key} without `sk` on a table with a sort key) or of
 * a declared GSI (GET /indexes/{index}/items/{key}), in sort-key order (`order`), with at most one sort-key
 * condition. A nextToken resumes only the route, index and partition that issued it.
 */
export async function queryItems(
  client: DynamoDBDocumentClient,
  env: ReaderEnv,
  route: ReadApiRoute,
  event: APIGatewayProxyEvent,
  path: { readonly pk: string; readonly index?: string },
  abortSignal: AbortSignal | undefined,
): Promise<SerializedJson> {
  const index = path.index === undefined ? undefined : findIndex(env, path.index);
  if (index && hasQueryParameter(event, 'consistent')) {
    throw new InvalidRequestError(
      'consistent',
      'is not available on an index (global secondary indexes are eventually consistent); read the table instead',
    );
  }
  const { partitionKey, sortKey } = index ?? env;
  const parameters = readParameters(event, route.queryParameters, sortKey !== undefined);
  const partition = { attribute: partitionKey, value: parseKeyValue(path.pk, partitionKey, 'key', 'partition') };
  const condition = keyCondition(partition, sortKey, parameters);
  const keys = index ? indexKeyAttributes(env, index) : tableKeyAttributes(env);
  const scope = tokenScope(route.path, { index: index?.name, descending: parameters.string('order') === 'desc' });
  const token = parameters.string('nextToken');
  const startKey =
    token === undefined
      ? undefined
      : decodeNextToken(token, keys, scope, { name: partitionKey.name, value: partition.value });
  const projection = projectionOf(
    parameters.string('fields'),
    keys.map((key) => key.name),
  );
  const input = {
    TableName: env.tableRef,
    ...(index ? { IndexName: index.name } : {}),
    KeyConditionExpression: condition.KeyConditionExpression,
    ExpressionAttributeNames: { ...condition.ExpressionAttributeNames, ...projection.ExpressionAttributeNames },
    ExpressionAttributeValues: condition.ExpressionAttributeValues,
    ...(projection.ProjectionExpression ? { ProjectionExpression: projection.ProjectionExpression } : {}),
    Limit: parameters.integer('limit'),
    ...(parameters.string('order') === 'desc' ? { ScanIndexForward: false } : {}),
    ...(parameters.boolean('consistent') ? { ConsistentRead: true } : {}),
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
  const page = await client.send(new QueryCommand(input), { abortSignal }).catch((error: unknown) => {
    // Only a request that carried a nextToken can have sent a bad start key; otherwise the failure is ours.
    throw (startKey === undefined ? undefined : rejectedByDynamodb(error, 'nextToken')) ?? error;
  });
  const format = parameters.string('format') as ItemFormat;
  return itemsPage(page.Items ?? [], page.LastEvaluatedKey, format, keys, scope);
}

function findIndex(env: ReaderEnv, name: string): ReaderIndex {
  const index = env.indexes.find((candidate) => candidate.name === name);
  if (index) return index;
  const known = env.indexes.map((candidate) => candidate.name);
  throw new NotFoundError(
    `No index ${describeInput(name)}; ${known.length > 0 ? `indexes: ${known.join(', ')}` : 'this API declares no indexes'}`,
  );
}
