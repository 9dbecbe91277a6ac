import { describe, expect, it } from 'vitest';
import { BenchError } from '../errors';
import { latencySummary } from './latency-summary';
import { median } from './median';
import { medianOfRounds } from './median-of-rounds';
import { pairwiseRatio } from './pairwise-ratio';
import { percentile } from './percentile';

describe('median', () => {
  it('takes the middle sample of an odd count regardless of order', () => {
    // Arrange
    const samples = [9, 1, 5];
    // Act
    const result = median(samples);
    // Assert
    expect(result).toBe(5);
  });

  it('averages the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder the caller array', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects an empty sample with a typed error', () => {
    expect(() => median([])).toThrowError(BenchError);
    expect(() => median([])).toThrowError(/no samples/);
  });

  it('rejects NaN instead of sorting it somewhere', () => {
    expect(() => median([1, Number.NaN])).toThrowError(/not a finite number/);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it('uses nearest rank, so p50/p95/p99 of 1..100 are 50/95/99', () => {
    expect([percentile(hundred, 50), percentile(hundred, 95), percentile(hundred, 99)]).toEqual([50, 95, 99]);
  });

  it('returns the maximum at p100 and an observed value for tiny samples', () => {
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2], 99)).toBe(2);
  });

  it('rejects p outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrowError(/p must be in/);
    expect(() => percentile([1], 101)).toThrowError(/p must be in/);
  });
});

describe('pairwiseRatio', () => {
  it('is the median of the per-pair ratios, not the ratio of medians', () => {
    // Arrange: pair ratios are 2, 1.1, 1.2 -> median 1.2; ratio of medians would be 20/10 = 2.
    const a = [2, 11, 120];
    const b = [1, 10, 100];
    // Act
    const ratio = pairwiseRatio(a, b);
    // Assert
    expect(ratio).toBeCloseTo(1.2, 10);
  });

  it('rejects unequal lengths, because an unpaired sample has nothing to be compared with', () => {
    expect(() => pairwiseRatio([1, 2], [1])).toThrowError(/2 samples vs 1/);
  });

  it('rejects a zero denominator', () => {
    expect(() => pairwiseRatio([1], [0])).toThrowError(/non-positive denominator/);
  });
});

describe('latencySummary and medianOfRounds', () => {
  it('summarizes a round and takes the median per percentile over rounds', () => {
    // Arrange
    const rounds = [latencySummary([1, 2, 3, 4]), latencySummary([10, 20, 30, 40]), latencySummary([5, 6, 7, 8])];
    // Act
    const summary = medianOfRounds(rounds);
    // Assert
    expect(rounds[0]).toEqual({ count: 4, p50: 2, p95: 4, p99: 4 });
    expect(summary).toEqual({ count: 12, p50: 6, p95: 8, p99: 8 });
  });
});
