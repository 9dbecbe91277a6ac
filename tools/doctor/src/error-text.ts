/** `<name>: <first line of the message>` of an SDK or other error, for a check's cause line (no stack, no keys). */
export function errorText(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown };
  const message = (typeof e?.message === 'string' ? e.message : String(error)).split('\n')[0] ?? '';
  return typeof e?.name === 'string' && e.name !== 'Error' ? `${e.name}: ${message}` : message;
}

/** The SDK error's name (`ValidationError`, `NoSuchEntityException`...), or undefined. */
export function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown })?.name;
  return typeof name === 'string' ? name : undefined;
}
