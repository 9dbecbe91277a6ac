/** ARN matching as IAM and Lambda permissions do it: `*` spans any characters (including `/`), `?` one. */
export function arnGlobMatch(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}
