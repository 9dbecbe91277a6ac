import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('accepts a full burst, then refills at the rate', () => {
    // Arrange
    const bucket = new TokenBucket(2, 3, 0);

    // Act
    const burst = [bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0)];
    const afterHalfSecond = [bucket.tryTake(500), bucket.tryTake(500)];
    const afterLongPause = [1, 2, 3, 4].map(() => bucket.tryTake(60_000));

    // Assert
    expect(burst).toEqual([true, true, true, false]);
    expect(afterHalfSecond).toEqual([true, false]);
    expect(afterLongPause).toEqual([true, true, true, false]);
  });

  it('refuses everything with a zero burst', () => {
    expect(new TokenBucket(100, 0, 0).tryTake(10_000)).toBe(false);
  });
});
