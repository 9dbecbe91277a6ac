import { sortedCopy } from './sorted-copy';
import { elementAt } from './element-at';

/** The median; for an even count, the mean of the two middle samples. */
export function median(samples: readonly number[]): number {
  const sorted = sortedCopy(samples, 'median');
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? elementAt(sorted, mid) : (elementAt(sorted, mid - 1) + elementAt(sorted, mid)) / 2;
}
