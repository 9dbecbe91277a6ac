import type { Spread } from '../stats/spread';

/** An upper bound a figure must stay within; `meaning` says what breaking it costs in AWS terms. */
export interface Budget {
  readonly max: number;
  /** true: value <= max passes; false: value < max passes. */
  readonly inclusive: boolean;
  readonly meaning: string;
  /** Replaces the `<= max` wording in the table, e.g. `completes`. */
  readonly text?: string;
}

/** One line of the results table and of bench-results.json. */
export interface Figure {
  /** Stable key for JSON consumers, e.g. `calls.reader.assumeRole`. */
  readonly id: string;
  /** The measurement number and name, e.g. `1 upstream calls`. */
  readonly section: string;
  readonly label: string;
  /** null: could not be measured in this run (see `note`). */
  readonly value: number | null;
  readonly unit: string;
  readonly budget?: Budget;
  /** For a median over rounds: the lowest and highest round. */
  readonly spread?: Spread;
  readonly note?: string;
}
