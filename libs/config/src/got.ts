/** Renders a rejected value for an error message, short enough for one line. */
export function got(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
