import { BenchError } from '../errors';
import { median } from './median';
import { elementAt } from './element-at';

/**
 * The median of a[i] / b[i]: each pair was measured back to back, so machine noise (another tenant, GC, a CPU
 * frequency step) hits both sides of a pair alike and cancels in the ratio, which a ratio of two medians would not.
 */
export function pairwiseRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new BenchError('InvalidArgument', `pairwiseRatio: ${a.length} samples vs ${b.length}; pairs need both sides`);
  }
  const ratios = a.map((value, i) => {
    const other = elementAt(b, i);
    if (other <= 0) {
      throw new BenchError('InvalidArgument', `pairwiseRatio: pair ${i} has a non-positive denominator (${other})`);
    }
    return value / other;
  });
  return median(ratios);
}
