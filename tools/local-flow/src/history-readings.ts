import type { Stage } from '@xacct/config';

/** Devices and their owners: alice has two, so her index partition interleaves two devices' readings. */
const DEVICES = [
  ['d0001', 'alice'],
  ['d0002', 'alice'],
  ['d0003', 'bob'],
  ['d0004', 'carol'],
] as const;
const READINGS_PER_DEVICE = 24;
const FIRST_READING = Date.UTC(2026, 11, 1);

/**
 * Sample readings for a stage with a sort key (`local-history`): each device reports hourly on 2026-12-01, device n
 * at n×7 minutes past the hour. The sort key is the reading's time, ISO-8601 in UTC for a string key (so string order
 * is time order) or epoch seconds for a number key; the first index's partition key (`owner`) names the owner.
 */
export function historyReadings(stage: Stage): Array<Record<string, unknown>> {
  const { partitionKey, sortKey, indexes } = stage.table;
  if (!sortKey) throw new Error(`Stage ${stage.name} has no sort key: readings need one (table.sortKey).`);
  const ownerKey = indexes[0]?.partitionKey.name ?? 'owner';
  return DEVICES.flatMap(([deviceId, owner], d) =>
    Array.from({ length: READINGS_PER_DEVICE }, (_, hour) => {
      const at = FIRST_READING + hour * 3_600_000 + (d + 1) * 7 * 60_000;
      return {
        [partitionKey.name]: deviceId,
        [sortKey.name]: sortKey.type === 'S' ? new Date(at).toISOString() : at / 1000,
        [ownerKey]: owner,
        temperature: Math.round((18 + 6 * Math.sin((hour + d) / 4)) * 10) / 10,
        battery: 100 - hour - d,
      };
    }),
  );
}
