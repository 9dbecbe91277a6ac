import { BenchError } from '../errors';
import { sortedCopy } from './sorted-copy';
import { elementAt } from './element-at';

/**
 * Nearest-rank percentile (p in (0, 100]): the smallest sample with at least p % of the samples at or below it.
 * Nearest-rank never invents a latency that was not observed, which matters for p99 of a few hundred requests.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) {
    throw new BenchError('InvalidArgument', `percentile: p must be in (0, 100], got ${p}`);
  }
  const sorted = sortedCopy(samples, `p${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return elementAt(sorted, Math.max(rank, 1) - 1);
}
