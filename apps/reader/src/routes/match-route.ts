import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError, MethodNotAllowedError, NotFoundError } from '../errors';

export type Route = { readonly name: 'listItems' } | { readonly name: 'getItem'; readonly key: string };

const ALLOW = ['GET'] as const;

/**
 * Finds the route from the method and `event.path`. API Gateway REST APIs deliver `path` still percent-encoded,
 * so an encoded slash (`/items/a%2Fb`) stays inside one segment and becomes the key `a/b`, while `/items/a/b`
 * is an unknown path.
 */
export function matchRoute(event: APIGatewayProxyEvent): Route {
  const path = event.path.length > 1 ? event.path.replace(/\/$/, '') : event.path;
  const segments = path.split('/').slice(1);
  let route: Route | undefined;
  if (segments.length === 1 && segments[0] === 'items') {
    route = { name: 'listItems' };
  } else if (segments.length === 2 && segments[0] === 'items') {
    let key: string;
    try {
      key = decodeURIComponent(segments[1] ?? '');
    } catch {
      throw new InvalidRequestError('key', 'is not valid percent-encoding');
    }
    route = { name: 'getItem', key };
  }
  if (!route) {
    throw new NotFoundError(`No route for ${path}; routes: GET /items, GET /items/{key}`);
  }
  if (!(ALLOW as readonly string[]).includes(event.httpMethod)) {
    throw new MethodNotAllowedError(event.httpMethod, route.name === 'listItems' ? '/items' : '/items/{key}', ALLOW);
  }
  return route;
}
