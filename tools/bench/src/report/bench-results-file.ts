import type { BenchMeta } from '../run-bench';
import type { BudgetReport } from './check-budgets';
import type { Figure } from './figure';

/** What `bench-results.json` holds: the run's metadata, every figure and the budget verdicts. */
export interface BenchResultsFile extends BenchMeta {
  readonly mode: 'quick' | 'full';
  readonly durationSeconds: number;
  readonly figures: readonly Figure[];
  readonly budgets: BudgetReport;
}
