const MAX_ECHO = 40;

/** A short, quoted rendering of caller input for error messages (never the whole of a long value). */
export function describeInput(value: string): string {
  const shown = value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value;
  return JSON.stringify(shown);
}
