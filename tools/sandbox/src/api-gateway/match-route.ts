import type { ApiDefinition, ApiResource } from './types';

/** The resource a request path selects, with its path parameters. */
export interface RouteMatch {
  resource: ApiResource;
  pathParameters: Record<string, string>;
}

/**
 * Selects the resource for a path as API Gateway does: a literal path part wins over `{param}`, which
 * wins over a greedy `{proxy+}` (which takes the rest of the path). Segments arrive still percent-encoded
 * and are decoded for the parameters. `definition` must not change once matched against (deployments never do).
 */
export function matchRoute(definition: ApiDefinition, path: string): RouteMatch | undefined {
  const root = definition.resources[definition.rootResourceId];
  if (!root) return undefined;
  const segments = path
    .split('/')
    .filter((segment, index, all) => segment !== '' || (index > 0 && index < all.length - 1));
  return walk(root, segments, {}, childrenOf(definition));
}

/** `{name}`, a single-segment path parameter. */
const PARAM_PART = /^\{([^+}]+)\}$/;
/** `{name+}`, a greedy parameter taking the rest of the path. */
const GREEDY_PART = /^\{(.+)\+\}$/;

/** Parent id -> child resources, built once per definition: a deployment's definition never changes. */
const childrenByDefinition = new WeakMap<ApiDefinition, Map<string, ApiResource[]>>();

function childrenOf(definition: ApiDefinition): Map<string, ApiResource[]> {
  const cached = childrenByDefinition.get(definition);
  if (cached !== undefined) return cached;
  const children = new Map<string, ApiResource[]>();
  for (const resource of Object.values(definition.resources)) {
    if (resource.parentId === undefined) continue;
    const list = children.get(resource.parentId) ?? [];
    list.push(resource);
    children.set(resource.parentId, list);
  }
  childrenByDefinition.set(definition, children);
  return children;
}

function walk(
  node: ApiResource,
  segments: string[],
  params: Record<string, string>,
  children: Map<string, ApiResource[]>,
): RouteMatch | undefined {
  if (segments.length === 0) return { resource: node, pathParameters: params };
  const [head = '', ...rest] = segments;
  const kids = children.get(node.id) ?? [];
  const literal = kids.find((kid) => kid.pathPart === decode(head));
  const literalMatch = literal && walk(literal, rest, params, children);
  if (literalMatch) return literalMatch;
  for (const kid of kids) {
    const name = PARAM_PART.exec(kid.pathPart)?.[1];
    if (name === undefined) continue;
    const found = walk(kid, rest, { ...params, [name]: decode(head) }, children);
    if (found) return found;
  }
  for (const kid of kids) {
    const greedy = GREEDY_PART.exec(kid.pathPart)?.[1];
    if (greedy !== undefined) {
      return { resource: kid, pathParameters: { ...params, [greedy]: segments.map(decode).join('/') } };
    }
  }
  return undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
