/** A figure's value for the table: integers as they are, ratios with 2 decimals, times with 1-3 significant places. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'n/a';
  if (unit === 'x') return `${value.toFixed(2)}x`;
  if (unit === 'B') return `${Math.round(value).toLocaleString('en-US')} B`;
  if (Number.isInteger(value)) return `${value.toLocaleString('en-US')} ${unit}`.trimEnd();
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`.trimEnd();
}
