import { BenchError } from '../errors';

/** array[index] for an index the caller has already bounded; an out-of-range index is a bench bug, said loudly. */
export function elementAt<T>(array: readonly T[], index: number): T {
  if (index < 0 || index >= array.length) {
    throw new BenchError('InvalidArgument', `index ${index} is outside 0..${array.length - 1}`);
  }
  return array[index] as T;
}
