import type { BudgetReport } from './check-budgets';

/** 0 when every budget holds; 1 when one is broken or could not be checked (a missing figure must not read as a pass). */
export function exitStatus(report: BudgetReport): 0 | 1 {
  return report.broken.length > 0 || report.unmeasured.length > 0 ? 1 : 0;
}
