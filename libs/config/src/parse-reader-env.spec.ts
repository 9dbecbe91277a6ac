import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { loadStage } from './load-stage';
import { parseReaderEnv } from './parse-reader-env';
import { parseStage } from './parse-stage';
import { readerEnvFromStage } from './reader-env-from-stage';
import { resolve } from 'node:path';

const stage = loadStage('local', { stagesDir: resolve(import.meta.dirname, '../../../config/stages') });
const goodEnv = (): Record<string, string | undefined> => ({
  ...readerEnvFromStage(stage),
  AWS_LAMBDA_FUNCTION_NAME: 'fn',
});

function envError(env: Record<string, string | undefined>): string {
  try {
    parseReaderEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('ENV_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected parseReaderEnv to throw');
}

describe('parseReaderEnv', () => {
  it('round-trips the env that source-infra derives from the stage', () => {
    const env = parseReaderEnv(goodEnv());
    expect(env).toEqual({
      accessMode: 'assume-role',
      tableRef: 'xacct-devices',
      targetRoleArn: 'arn:aws:iam::222222222222:role/xacct-devices-access',
      externalId: stage.externalId,
      sourceIdentity: 'xacct-devices-reader',
      tableName: 'xacct-devices',
      targetRegion: 'us-east-1',
      partitionKey: { name: 'deviceId', type: 'S' },
      indexes: [],
      sessionDurationSeconds: 3600,
      functionName: 'fn',
    });
  });

  it('round-trips a resource-policy stage: the table ARN is the TableName, no STS settings', () => {
    const rp = loadStage('local-resource-policy', {
      stagesDir: resolve(import.meta.dirname, '../../../config/stages'),
    });
    const env = parseReaderEnv({ ...readerEnvFromStage(rp), AWS_LAMBDA_FUNCTION_NAME: 'fn' });
    expect(env).toEqual({
      accessMode: 'resource-policy',
      tableName: 'xacct-rp-devices',
      tableArn: 'arn:aws:dynamodb:us-east-1:222222222222:table/xacct-rp-devices',
      tableRef: 'arn:aws:dynamodb:us-east-1:222222222222:table/xacct-rp-devices',
      targetRegion: 'us-east-1',
      partitionKey: { name: 'deviceId', type: 'S' },
      indexes: [],
      functionName: 'fn',
    });
    expect(Object.keys(readerEnvFromStage(rp))).not.toContain('EXTERNAL_ID');
  });

  it('requires the table ARN in resource-policy mode', () => {
    expect(envError({ ...goodEnv(), ACCESS_MODE: 'resource-policy' })).toBe(
      'environment: TABLE_ARN: is required in ACCESS_MODE resource-policy: the ARN of the target table, sent as TableName',
    );
  });

  it('requires the STS settings in assume-role mode, naming each', () => {
    const message = envError({ ...goodEnv(), TARGET_ROLE_ARN: undefined, EXTERNAL_ID: undefined });
    expect(message.split('\n')).toEqual([
      'environment: TARGET_ROLE_ARN: is required in ACCESS_MODE assume-role: the ARN of the access role in the target account',
      "environment: EXTERNAL_ID: is required in ACCESS_MODE assume-role: the ExternalId the access role's trust requires",
    ]);
  });

  it.each([
    ['arn:aws:dynamodb:us-east-1:222222222222:table/other', 'must name table xacct-devices in us-east-1'],
    ['arn:aws:dynamodb:eu-west-1:222222222222:table/xacct-devices', 'must name table xacct-devices in us-east-1'],
    ['arn:aws-cn:dynamodb:us-east-1:222222222222:table/xacct-devices', 'must name table xacct-devices in us-east-1'],
    ['xacct-devices', 'must be a DynamoDB table ARN like'],
  ])('cross-checks TABLE_ARN %s', (arn, expected) => {
    expect(envError({ ...goodEnv(), ACCESS_MODE: 'resource-policy', TABLE_ARN: arn })).toContain(
      `environment: TABLE_ARN: ${expected}`,
    );
  });

  it('rejects an unknown ACCESS_MODE', () => {
    expect(envError({ ...goodEnv(), ACCESS_MODE: 'sts' })).toContain(
      'environment: ACCESS_MODE: must be "assume-role" or "resource-policy", got "sts"',
    );
  });

  it('names every bad variable in one message', () => {
    const message = envError({
      ...goodEnv(),
      TABLE_NAME: undefined,
      SESSION_DURATION_SECONDS: 'soon',
      PARTITION_KEY_TYPE: 'X',
    });
    expect(message).toContain('environment: TABLE_NAME: is required');
    expect(message).toContain('environment: SESSION_DURATION_SECONDS: must be a whole number of seconds, got "soon"');
    expect(message).toContain('environment: PARTITION_KEY_TYPE: must be "S" (string) or "N" (number)');
    expect(message.split('\n')).toHaveLength(3);
  });

  it.each([
    ['arn:aws:iam::12345:role/access', 'the account in the role ARN must be a 12-digit id, got "12345"'],
    ['arn:aws:iam::abcdefghijkl:role/access', 'the account in the role ARN must be a 12-digit id'],
    ['arn:aws-cn:iam::222222222222:role/access', 'partition "aws-cn" does not match TARGET_REGION us-east-1'],
    ['role/access', 'must be an IAM role ARN like'],
  ])('cross-checks TARGET_ROLE_ARN %s', (arn, expected) => {
    expect(envError({ ...goodEnv(), TARGET_ROLE_ARN: arn })).toContain(`environment: TARGET_ROLE_ARN: ${expected}`);
  });

  it('requires the sort key name and type together', () => {
    expect(envError({ ...goodEnv(), SORT_KEY_NAME: 'ts' })).toContain(
      'environment: SORT_KEY_TYPE: SORT_KEY_NAME and SORT_KEY_TYPE must be set together',
    );
  });

  it('rejects a sort key named like the partition key (the stage schema does too)', () => {
    expect(envError({ ...goodEnv(), SORT_KEY_NAME: 'deviceId', SORT_KEY_TYPE: 'S' })).toContain(
      'environment: SORT_KEY_NAME: must differ from PARTITION_KEY_NAME (both are "deviceId")',
    );
  });

  it('rejects a session longer than role chaining allows', () => {
    expect(envError({ ...goodEnv(), SESSION_DURATION_SECONDS: '7200' })).toContain(
      'SESSION_DURATION_SECONDS: must be at most 3600 seconds',
    );
  });

  it('does not echo the ExternalId', () => {
    const message = envError({ ...goodEnv(), EXTERNAL_ID: 'top secret' });
    expect(message).not.toContain('top secret');
  });

  it('parses a sort key when both variables are set', () => {
    const env = parseReaderEnv({ ...goodEnv(), SORT_KEY_NAME: 'ts', SORT_KEY_TYPE: 'N' });
    expect(env.sortKey).toEqual({ name: 'ts', type: 'N' });
  });
});

describe('parseReaderEnv: TABLE_INDEXES', () => {
  const indexedStage = parseStage(
    {
      ...stage,
      table: {
        ...stage.table,
        sortKey: { name: 'timestamp', type: 'S' },
        indexes: [
          {
            name: 'byOwner',
            partitionKey: { name: 'owner', type: 'S' },
            sortKey: { name: 'timestamp', type: 'S' },
            projection: 'ALL',
          },
          { name: 'byLevel', partitionKey: { name: 'level', type: 'N' }, projection: { include: ['note'] } },
        ],
      },
    },
    'x.json',
  );
  const indexedEnv = (): Record<string, string | undefined> => ({
    ...readerEnvFromStage(indexedStage),
    AWS_LAMBDA_FUNCTION_NAME: 'fn',
  });

  it('round-trips the stage indexes, keys only', () => {
    expect(JSON.parse(readerEnvFromStage(indexedStage).TABLE_INDEXES ?? '')).toEqual([
      { name: 'byOwner', partitionKey: { name: 'owner', type: 'S' }, sortKey: { name: 'timestamp', type: 'S' } },
      { name: 'byLevel', partitionKey: { name: 'level', type: 'N' } },
    ]);
    expect(parseReaderEnv(indexedEnv()).indexes).toEqual([
      { name: 'byOwner', partitionKey: { name: 'owner', type: 'S' }, sortKey: { name: 'timestamp', type: 'S' } },
      { name: 'byLevel', partitionKey: { name: 'level', type: 'N' } },
    ]);
  });

  it('is absent for a stage without indexes, and parses to none; [] means none too', () => {
    expect(readerEnvFromStage(stage)).not.toHaveProperty('TABLE_INDEXES');
    expect(parseReaderEnv({ ...goodEnv(), TABLE_INDEXES: '[]' }).indexes).toEqual([]);
  });

  it.each([
    ['[{"name":', 'TABLE_INDEXES: must be a JSON array like [{"name":"byOwner"'],
    [
      '{"name":"byOwner"}',
      'TABLE_INDEXES: must be a JSON array like [{"name":"byOwner","partitionKey":{"name":"owner","type":"S"}}], got {"name":"byOwner"}',
    ],
    ['[{"name":"byOwner"}]', 'TABLE_INDEXES.0.partitionKey: is required (expected object)'],
    [
      '[{"name":"byOwner","partitionKey":{"name":"owner","type":"X"}}]',
      'TABLE_INDEXES.0.partitionKey.type: must be "S" (string) or "N" (number), got "X"',
    ],
    ['[{"name":5,"partitionKey":{"name":"owner","type":"S"}}]', 'TABLE_INDEXES.0.name: must be 3-255 characters'],
    [
      '[{"name":"byOwner","partitionKey":{"name":"owner","type":"S"}},{"name":"byOwner","partitionKey":{"name":"site","type":"S"}}]',
      'TABLE_INDEXES.1.name: must be unique: index 1 repeats the name "byOwner" of index 0',
    ],
    [
      '[{"name":"byOwner","partitionKey":{"name":"deviceId","type":"N"}}]',
      `TABLE_INDEXES.0.partitionKey.type: must be "S" like the table's partition key "deviceId"`,
    ],
    [
      '[{"name":"byOwner","partitionKey":{"name":"owner","type":"S"},"projection":"ALL"}]',
      'TABLE_INDEXES.0: unknown key "projection"',
    ],
  ])('fails the init naming TABLE_INDEXES for %s', (value, expected) => {
    expect(envError({ ...goodEnv(), TABLE_INDEXES: value })).toContain(`environment: ${expected}`);
  });
});
