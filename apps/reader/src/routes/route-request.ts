import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { hasQueryParameter } from '../validation/read-query';
import { getItem } from './get-item';
import { listItems } from './list-items';
import { matchRoute } from './match-route';
import { queryItems } from './query-items';

export interface RoutedRequest {
  /** What the request does, for logs and metrics: `GET /items/{pk}` is a GetItem or a partition Query. */
  readonly name: 'listItems' | 'getItem' | 'queryPartition' | 'queryIndex';
  readonly run: (client: DynamoDBDocumentClient, abortSignal: AbortSignal | undefined) => Promise<unknown>;
}

/**
 * Matches the request to its route in READ_API_ROUTES and picks the DynamoDB read: `GET /items/{pk}` is a GetItem
 * when the table has no sort key or `sk` is given, else a Query of the partition.
 */
export function routeRequest(event: APIGatewayProxyEvent, env: ReaderEnv): RoutedRequest {
  const { route, path } = matchRoute(event);
  const pk = path['pk'] ?? '';
  switch (route.id) {
    case 'listItems':
      return { name: 'listItems', run: (client, signal) => listItems(client, env, route, event, signal) };
    case 'readPartition': {
      if (!env.sortKey || hasQueryParameter(event, 'sk')) {
        return { name: 'getItem', run: (client, signal) => getItem(client, env, route, event, pk, signal) };
      }
      return { name: 'queryPartition', run: (client, signal) => queryItems(client, env, route, event, { pk }, signal) };
    }
    case 'queryIndex': {
      const index = path['index'] ?? '';
      return {
        name: 'queryIndex',
        run: (client, signal) => queryItems(client, env, route, event, { pk, index }, signal),
      };
    }
  }
}
