import type { Figure } from './figure';

export type Verdict = 'ok' | 'BROKEN' | 'NOT MEASURED' | '';

/** A figure against its budget: '' when it has none, NOT MEASURED when the run could not produce it. */
export function budgetVerdict(figure: Figure): Verdict {
  if (figure.budget === undefined) return '';
  if (figure.value === null) return 'NOT MEASURED';
  const { max, inclusive } = figure.budget;
  const within = inclusive ? figure.value <= max : figure.value < max;
  return within ? 'ok' : 'BROKEN';
}
