/**
 * The logical ids among `resourceIds` that `value` refers to through Ref, Fn::GetAtt or Fn::Sub, so resources
 * can be applied in dependency order.
 */
export function findDependencies(
  value: unknown,
  resourceIds: ReadonlySet<string>,
  found = new Set<string>(),
): Set<string> {
  if (Array.isArray(value)) {
    for (const entry of value) findDependencies(entry, resourceIds, found);
    return found;
  }
  if (value === null || typeof value !== 'object') return found;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'Ref' && typeof entry === 'string' && resourceIds.has(entry)) found.add(entry);
    else if (key === 'Fn::GetAtt') {
      const id = typeof entry === 'string' ? entry.split('.')[0] : Array.isArray(entry) ? entry[0] : undefined;
      if (typeof id === 'string' && resourceIds.has(id)) found.add(id);
    } else if (key === 'Fn::Sub') {
      const text = typeof entry === 'string' ? entry : Array.isArray(entry) ? entry[0] : undefined;
      if (typeof text === 'string') {
        for (const match of text.matchAll(/\$\{([^!}][^}.]*)/g)) {
          const id = match[1] ?? '';
          if (resourceIds.has(id)) found.add(id);
        }
      }
    }
    findDependencies(entry, resourceIds, found);
  }
  return found;
}
