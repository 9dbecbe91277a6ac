import type { Stage } from '@xacct/config';
import { BenchError } from '../errors';

/** The one device whose readings fill a partition: the partition Query reads its first page. */
export const BENCH_READING_DEVICE = 'bench-history-0000001';

/**
 * The i-th reading of one device for a stage with a sort key (`local-history`: deviceId + timestamp), one a minute
 * from 2026-01-01, about 200 bytes like `benchItem`. The sort key is ISO-8601 for a string key (string order is
 * time order), epoch seconds for a number key; the first index's partition key names the owner.
 */
export function benchReading(stage: Stage, index: number): Record<string, string | number> {
  const { partitionKey, sortKey, indexes } = stage.table;
  if (!sortKey)
    throw new BenchError('InvalidArgument', `stage ${stage.name} has no sort key: a partition Query needs one`);
  const at = Date.UTC(2026, 0, 1) + index * 60_000;
  return {
    [partitionKey.name]: BENCH_READING_DEVICE,
    [sortKey.name]: sortKey.type === 'S' ? new Date(at).toISOString() : at / 1000,
    [indexes[0]?.partitionKey.name ?? 'owner']: 'bench-owner',
    temperature: Math.round((18 + 6 * Math.sin(index / 60)) * 10) / 10,
    battery: 100 - (index % 100),
    firmware: `1.${index % 10}.${index % 100}`,
    note: 'one reading of the benchmark device; padded to about two hundred bytes in all.',
  };
}
