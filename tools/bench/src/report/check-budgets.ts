import { budgetText } from './budget-text';
import { budgetVerdict } from './budget-verdict';
import { formatValue } from './format-value';
import type { Figure } from './figure';

export interface BudgetReport {
  /** One line per broken budget: which figure, its value, the limit, and what it means. */
  readonly broken: readonly string[];
  /** Budgets this run could not check (a part of the sandbox missing, a scenario that failed). */
  readonly unmeasured: readonly string[];
}

/** Every budgeted figure checked; the bench exits non-zero when either list is non-empty. */
export function checkBudgets(figures: readonly Figure[]): BudgetReport {
  const broken: string[] = [];
  const unmeasured: string[] = [];
  for (const figure of figures) {
    const verdict = budgetVerdict(figure);
    const limit = budgetText(figure);
    if (verdict === 'BROKEN') {
      broken.push(
        `${figure.section}: ${figure.label} = ${formatValue(figure.value, figure.unit)}, budget ${limit} (${figure.budget?.meaning ?? ''})`,
      );
    } else if (verdict === 'NOT MEASURED') {
      unmeasured.push(`${figure.section}: ${figure.label} (budget ${limit}): ${figure.note ?? 'no value'}`);
    }
  }
  return { broken, unmeasured };
}
