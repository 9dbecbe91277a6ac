import { BenchError } from '../errors';

/** A sorted copy of finite samples; an empty or non-finite sample is a bench bug, never a silent 0. */
export function sortedCopy(samples: readonly number[], what: string): number[] {
  if (samples.length === 0) {
    throw new BenchError('EmptySample', `${what}: no samples (did the run produce any measurements?)`);
  }
  const bad = samples.find((value) => !Number.isFinite(value));
  if (bad !== undefined) {
    throw new BenchError('EmptySample', `${what}: sample ${String(bad)} is not a finite number`);
  }
  return [...samples].sort((a, b) => a - b);
}
