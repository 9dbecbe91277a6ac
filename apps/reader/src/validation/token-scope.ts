/**
 * What a nextToken is bound to: the route's path (with the index filled in) and, for a parallel Scan, the segment.
 * A token is accepted only where its scope is the request's own, so a page of one segment, index or route can never
 * resume another.
 */
export function tokenScope(
  path: string,
  where: { index?: string; segment?: number; totalSegments?: number } = {},
): string {
  const route = where.index === undefined ? path : path.replace('{index}', where.index);
  return where.segment === undefined ? route : `${route} segment ${where.segment} of ${where.totalSegments}`;
}
