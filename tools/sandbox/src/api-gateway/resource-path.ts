import type { ApiDefinition } from './types';

/** The full path of a resource (`/items/{key}`), walking up to the root. */
export function resourcePath(definition: ApiDefinition, resourceId: string): string {
  const parts: string[] = [];
  let current = definition.resources[resourceId];
  // The depth guard stops a cycle in a broken definition instead of looping forever.
  for (let depth = 0; current && depth < 100; depth += 1) {
    if (current.parentId === undefined) break;
    parts.unshift(current.pathPart);
    current = definition.resources[current.parentId];
  }
  return `/${parts.join('/')}`;
}
