/**
 * What a nextToken is bound to: the route's path (with the index filled in), for a parallel Scan the segment, and for
 * a Query read in descending order the order. A token is accepted only where its scope is the request's own, so a
 * page of one segment, index, route or direction can never resume another (a token resumed in the other direction
 * would silently read the wrong side of its key).
 */
export function tokenScope(
  path: string,
  where: { index?: string; segment?: number; totalSegments?: number; descending?: boolean } = {},
): string {
  const route = where.index === undefined ? path : path.replace('{index}', where.index);
  const scoped = where.segment === undefined ? route : `${route} segment ${where.segment} of ${where.totalSegments}`;
  return where.descending === true ? `${scoped} order desc` : scoped;
}
