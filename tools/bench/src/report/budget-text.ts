import type { Figure } from './figure';
import { formatValue } from './format-value';

/** The budget column: `<= 1 calls`, `< 256 MB`, or the budget's own wording; empty when the figure has none. */
export function budgetText(figure: Figure): string {
  const budget = figure.budget;
  if (budget === undefined) return '';
  return budget.text ?? `${budget.inclusive ? '<=' : '<'} ${formatValue(budget.max, figure.unit)}`;
}
