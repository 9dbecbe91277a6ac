/** How far repeated rounds of one figure lie apart: the table prints the median with this range. */
export interface Spread {
  readonly min: number;
  readonly max: number;
  readonly rounds: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return { min: Math.min(...values), max: Math.max(...values), rounds: values.length };
}
