import { join } from 'node:path';
import { loadStage } from '@xacct/config';
import { describe, expect, it } from 'vitest';
import { BENCH_READING_DEVICE, benchReading } from './bench-reading';
import { dynamodbItemSize } from './dynamodb-item-size';

const stagesDir = join(import.meta.dirname, '../../../../config/stages');
const history = loadStage('local-history', { stagesDir });

describe('benchReading', () => {
  it('is about 200 bytes by DynamoDB item size, like benchItem', () => {
    for (const size of [0, 7, 4_999].map((i) => dynamodbItemSize(benchReading(history, i)))) {
      expect(size).toBeGreaterThanOrEqual(180);
      expect(size).toBeLessThanOrEqual(215);
    }
  });

  it("puts every reading in one partition under the stage's key names, in sort-key order", () => {
    // Arrange
    const { partitionKey, sortKey } = history.table;
    const readings = [0, 1, 2_000].map((i) => benchReading(history, i));
    // Assert
    expect(readings.map((r) => r[partitionKey.name])).toEqual(Array(3).fill(BENCH_READING_DEVICE));
    const sortKeys = readings.map((r) => String(r[sortKey?.name ?? '']));
    expect([...sortKeys].sort()).toEqual(sortKeys);
    expect(new Set(sortKeys).size).toBe(3);
    expect(benchReading(history, 42)).toEqual(benchReading(history, 42));
  });

  it('refuses a stage without a sort key', () => {
    expect(() => benchReading(loadStage('local', { stagesDir }), 0)).toThrow(/no sort key/);
  });
});
