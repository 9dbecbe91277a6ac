import { READ_API_ROUTES, type ReadApiRoute } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError, MethodNotAllowedError, NotFoundError } from '../errors';

export interface MatchedRoute {
  readonly route: ReadApiRoute;
  /** The decoded path parameters (`pk`, `index`). */
  readonly path: Readonly<Record<string, string>>;
}

/**
 * Finds the route in READ_API_ROUTES. With the API's own resources (`/items/{pk}`, ...) API Gateway has matched
 * already and `pathParameters` are decoded. Otherwise (a `{proxy+}` resource, a test event) the route comes from
 * `event.path`, which REST APIs deliver percent-encoded: an encoded slash (`/items/a%2Fb`) stays inside one segment
 * and becomes the key `a/b`, while `/items/a/b` is an unknown path.
 */
export function matchRoute(event: APIGatewayProxyEvent): MatchedRoute {
  const matched = fromResource(event) ?? fromPath(event.path);
  if (event.httpMethod !== matched.route.method) {
    throw new MethodNotAllowedError(event.httpMethod, matched.route.path, [matched.route.method]);
  }
  return matched;
}

function fromResource(event: APIGatewayProxyEvent): MatchedRoute | undefined {
  const route = READ_API_ROUTES.find((candidate) => candidate.path === event.resource);
  const names = route?.pathParameters.map((parameter) => parameter.name) ?? [];
  const values = names.map((name) => event.pathParameters?.[name]);
  if (!route || values.some((value) => value === undefined)) return undefined;
  return { route, path: Object.fromEntries(names.map((name, i) => [name, values[i] ?? ''])) };
}

function fromPath(rawPath: string): MatchedRoute {
  const path = rawPath.length > 1 ? rawPath.replace(/\/$/, '') : rawPath;
  const segments = path.split('/').slice(1);
  for (const route of READ_API_ROUTES) {
    const template = route.path.split('/').slice(1);
    if (template.length !== segments.length) continue;
    const parameters = template.map((part) => /^\{(\w+)\}$/.exec(part)?.[1]);
    if (!template.every((part, i) => parameters[i] !== undefined || part === segments[i])) continue;
    const values: Record<string, string> = {};
    parameters.forEach((name, i) => {
      if (name !== undefined) values[name] = decodeSegment(segments[i] ?? '', name);
    });
    return { route, path: values };
  }
  const routes = READ_API_ROUTES.map((route) => `${route.method} ${route.path}`).join(', ');
  throw new NotFoundError(`No route for ${path}; routes: ${routes}`);
}

function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InvalidRequestError(name, 'is not valid percent-encoding');
  }
}
