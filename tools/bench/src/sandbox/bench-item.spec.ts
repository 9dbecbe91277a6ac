import { describe, expect, it } from 'vitest';
import { benchItem } from './bench-item';
import { dynamodbItemSize } from './dynamodb-item-size';

describe('benchItem', () => {
  it('is about 200 bytes by DynamoDB item size for small and large indexes', () => {
    // Act
    const sizes = [0, 7, 99_999].map((i) => dynamodbItemSize(benchItem(i)));
    // Assert
    for (const size of sizes) {
      expect(size).toBeGreaterThanOrEqual(190);
      expect(size).toBeLessThanOrEqual(215);
    }
  });

  it('gives distinct partition keys and is deterministic', () => {
    expect(benchItem(1)['deviceId']).not.toBe(benchItem(2)['deviceId']);
    expect(benchItem(42)).toEqual(benchItem(42));
  });
});

describe('dynamodbItemSize', () => {
  it('counts names, UTF-8 string bytes and numbers', () => {
    expect(dynamodbItemSize({ a: 'xy', bb: 'é', n: 12345 })).toBe(1 + 2 + 2 + 2 + 1 + 4);
  });
});
