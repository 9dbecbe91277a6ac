/** A string property of anything thrown (SDK errors carry `name`, `code`, `$fault`, `message`), else undefined. */
export function errorField(error: unknown, name: 'name' | 'code' | '$fault' | 'message'): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
