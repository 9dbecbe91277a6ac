import type { ReaderEnv } from '@xacct/config';

const base = {
  targetRoleArn: 'arn:aws:iam::222222222222:role/xacct-devices-access',
  externalId: 'xacct-local-external-id',
  sourceIdentity: 'xacct-devices-reader',
  targetRegion: 'us-east-1',
  sessionDurationSeconds: 3600,
  functionName: 'xacct-local-reader',
};

/** Parsed reader environments for the key shapes the handler supports. */
export const readerEnvs = {
  /** Like the `local` stage: partition key `deviceId` (S), no sort key. */
  devices: { ...base, tableName: 'xacct-devices', partitionKey: { name: 'deviceId', type: 'S' } },
  /** Partition key `id` (N), no sort key. */
  numbered: { ...base, tableName: 'numbered', partitionKey: { name: 'id', type: 'N' } },
  /** Partition key `deviceId` (S) and sort key `ts` (N). */
  readings: {
    ...base,
    tableName: 'readings',
    partitionKey: { name: 'deviceId', type: 'S' },
    sortKey: { name: 'ts', type: 'N' },
  },
  /** Partition key `deviceId` (S) and sort key `eventId` (S). */
  events: {
    ...base,
    tableName: 'events',
    partitionKey: { name: 'deviceId', type: 'S' },
    sortKey: { name: 'eventId', type: 'S' },
  },
} satisfies Record<string, ReaderEnv>;
