import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError, MethodNotAllowedError, NotFoundError } from '../errors';

export type Route = { readonly name: 'listItems' } | { readonly name: 'getItem'; readonly key: string };

const ALLOW = ['GET'] as const;

/**
 * Finds the route. With the API's own resources (`/items`, `/items/{key}`) API Gateway has matched already and
 * `pathParameters.key` is decoded. Otherwise (a `{proxy+}` resource, a test event) the route comes from `event.path`,
 * which REST APIs deliver percent-encoded: an encoded slash (`/items/a%2Fb`) stays inside one segment and becomes
 * the key `a/b`, while `/items/a/b` is an unknown path.
 */
export function matchRoute(event: APIGatewayProxyEvent): Route {
  const route = fromResource(event) ?? fromPath(event.path);
  if (!(ALLOW as readonly string[]).includes(event.httpMethod)) {
    throw new MethodNotAllowedError(event.httpMethod, route.name === 'listItems' ? '/items' : '/items/{key}', ALLOW);
  }
  return route;
}

function fromResource(event: APIGatewayProxyEvent): Route | undefined {
  if (event.resource === '/items') return { name: 'listItems' };
  const key = event.pathParameters?.['key'];
  if (event.resource === '/items/{key}' && key !== undefined) return { name: 'getItem', key };
  return undefined;
}

function fromPath(rawPath: string): Route {
  const path = rawPath.length > 1 ? rawPath.replace(/\/$/, '') : rawPath;
  const segments = path.split('/').slice(1);
  if (segments.length === 1 && segments[0] === 'items') return { name: 'listItems' };
  if (segments.length === 2 && segments[0] === 'items') {
    try {
      return { name: 'getItem', key: decodeURIComponent(segments[1] ?? '') };
    } catch {
      throw new InvalidRequestError('key', 'is not valid percent-encoding');
    }
  }
  throw new NotFoundError(`No route for ${path}; routes: GET /items, GET /items/{key}`);
}
