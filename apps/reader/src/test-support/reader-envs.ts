import type { ReaderEnv } from '@xacct/config';

const base = {
  accessMode: 'assume-role' as const,
  targetRoleArn: 'arn:aws:iam::222222222222:role/xacct-devices-access',
  externalId: 'xacct-local-external-id',
  sourceIdentity: 'xacct-devices-reader',
  targetRegion: 'us-east-1',
  sessionDurationSeconds: 3600,
  functionName: 'xacct-local-reader',
  indexes: [],
};

/** Parsed reader environments for the key shapes the handler supports. */
export const readerEnvs = {
  /** Like the `local` stage: partition key `deviceId` (S), no sort key. */
  devices: {
    ...base,
    tableName: 'xacct-devices',
    tableRef: 'xacct-devices',
    partitionKey: { name: 'deviceId', type: 'S' },
  },
  /** Partition key `id` (N), no sort key. */
  numbered: { ...base, tableName: 'numbered', tableRef: 'numbered', partitionKey: { name: 'id', type: 'N' } },
  /** Partition key `deviceId` (S) and sort key `ts` (N). */
  readings: {
    ...base,
    tableName: 'readings',
    tableRef: 'readings',
    partitionKey: { name: 'deviceId', type: 'S' },
    sortKey: { name: 'ts', type: 'N' },
  },
  /** Partition key `deviceId` (S) and sort key `eventId` (S). */
  events: {
    ...base,
    tableName: 'events',
    tableRef: 'events',
    partitionKey: { name: 'deviceId', type: 'S' },
    sortKey: { name: 'eventId', type: 'S' },
  },
  /**
   * Like the `local-history` stage: readings per `deviceId` (S) sorted by `timestamp` (S), the GSI `byOwner`
   * (`owner`, `timestamp`) and the hash-only GSI `byType` (`type`).
   */
  history: {
    ...base,
    tableName: 'xacct-history',
    tableRef: 'xacct-history',
    partitionKey: { name: 'deviceId', type: 'S' },
    sortKey: { name: 'timestamp', type: 'S' },
    indexes: [
      { name: 'byOwner', partitionKey: { name: 'owner', type: 'S' }, sortKey: { name: 'timestamp', type: 'S' } },
      { name: 'byType', partitionKey: { name: 'type', type: 'S' } },
    ],
  },
  /** The `local-resource-policy` stage: the execution role reads the table by ARN, no STS. */
  resourcePolicy: {
    accessMode: 'resource-policy',
    tableName: 'xacct-rp-devices',
    tableArn: 'arn:aws:dynamodb:us-east-1:222222222222:table/xacct-rp-devices',
    tableRef: 'arn:aws:dynamodb:us-east-1:222222222222:table/xacct-rp-devices',
    targetRegion: 'us-east-1',
    functionName: 'xacct-local-resource-policy-reader',
    partitionKey: { name: 'deviceId', type: 'S' },
    indexes: [],
  },
} satisfies Record<string, ReaderEnv>;
