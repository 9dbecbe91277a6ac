import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReadApiRoute, ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError } from '../errors';
import type { ItemFormat } from '../format/item-format';
import { decodeNextToken } from '../validation/decode-next-token';
import { readParameters } from '../validation/read-parameters';
import { rejectedByDynamodb } from '../validation/rejected-by-dynamodb';
import { tokenScope } from '../validation/token-scope';
import type { SerializedJson } from '../http/json-response';
import { itemsPage } from './items-page';
import { projectionOf } from './projection';
import { tableKeyAttributes } from './key-attributes';

/**
 * GET /items: one page of a Scan, or of one segment of a parallel Scan (`segment` and `totalSegments`, both or
 * neither). A nextToken resumes only the Scan, and the segment, that issued it.
 */
export async function listItems(
  client: DynamoDBDocumentClient,
  env: ReaderEnv,
  route: ReadApiRoute,
  event: APIGatewayProxyEvent,
  abortSignal: AbortSignal | undefined,
): Promise<SerializedJson> {
  const parameters = readParameters(event, route.queryParameters, true);
  const segment = parameters.integer('segment');
  const totalSegments = parameters.integer('totalSegments');
  if (segment === undefined && totalSegments !== undefined) {
    throw new InvalidRequestError('segment', 'is required with totalSegments (a parallel Scan needs both)');
  }
  if (segment !== undefined && totalSegments === undefined) {
    throw new InvalidRequestError('totalSegments', 'is required with segment (a parallel Scan needs both)');
  }
  if (segment !== undefined && totalSegments !== undefined && segment >= totalSegments) {
    throw new InvalidRequestError('segment', `must be less than totalSegments (${totalSegments}), got ${segment}`);
  }
  const keys = tableKeyAttributes(env);
  const scope = tokenScope(route.path, { segment, totalSegments });
  const token = parameters.string('nextToken');
  const startKey = token === undefined ? undefined : decodeNextToken(token, keys, scope);
  const input = {
    TableName: env.tableRef,
    Limit: parameters.integer('limit'),
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    ...(segment !== undefined ? { Segment: segment, TotalSegments: totalSegments } : {}),
    ...(parameters.boolean('consistent') ? { ConsistentRead: true } : {}),
    ...projectionOf(
      parameters.string('fields'),
      keys.map((key) => key.name),
    ),
  };
  const page = await client.send(new ScanCommand(input), { abortSignal }).catch((error: unknown) => {
    // Only a request that carried a nextToken can have sent a bad start key; otherwise the failure is ours.
    throw (startKey === undefined ? undefined : rejectedByDynamodb(error, 'nextToken')) ?? error;
  });
  const format = parameters.string('format') as ItemFormat;
  return itemsPage(page.Items ?? [], page.LastEvaluatedKey, format, keys, scope);
}
