import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { parseStage } from './parse-stage';

const valid = () => ({
  name: 'prod',
  kind: 'aws',
  source: { accountId: '111111111111', region: 'eu-west-1', profile: 'src' },
  target: { accountId: '222222222222', region: 'eu-west-1' },
  table: { name: 'devices', partitionKey: { name: 'deviceId', type: 'S' } },
  roles: { accessRoleName: 'access', readerRoleName: 'reader' },
  externalId: 'ext-id-0123456789abcdef0123456789abcdef',
  sessionDurationSeconds: 3600,
  api: { auth: 'iam', throttling: { rateLimit: 10, burstLimit: 20 } },
});

type Doc = ReturnType<typeof valid> & Record<string, unknown>;

function messageFor(mutate: (doc: Doc) => void): string {
  const doc = valid() as Doc;
  mutate(doc);
  try {
    parseStage(doc, 'config/stages/prod.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('STAGE_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected parseStage to throw');
}

describe('parseStage', () => {
  it('accepts a valid stage and applies defaults', () => {
    // Arrange
    const doc: Partial<Doc> = valid();
    delete doc.api;
    delete doc.sessionDurationSeconds;
    // Act
    const stage = parseStage(doc, 'x.json');
    // Assert
    expect(stage.api).toEqual({ auth: 'iam', throttling: { rateLimit: 50, burstLimit: 100 } });
    expect(stage.sessionDurationSeconds).toBe(3600);
  });

  const bad: Array<[string, (d: Doc) => void, string]> = [
    ['short account id', (d) => (d.target.accountId = '12345'), 'target.accountId: must be 12 digits, got "12345"'],
    [
      'long account id',
      (d) => (d.source.accountId = '1234567890123'),
      'source.accountId: must be 12 digits, got "1234567890123"',
    ],
    ['non-digit account id', (d) => (d.target.accountId = '12345678901a'), 'target.accountId: must be 12 digits'],
    [
      'numeric account id',
      (d) => ((d.target as Record<string, unknown>).accountId = 222222222222),
      'target.accountId: must be a 12-digit AWS account id string, got 222222222222',
    ],
    [
      'bad region',
      (d) => (d.source.region = 'europe'),
      'source.region: must be an AWS region such as "eu-west-1" (partitions aws, aws-cn and aws-us-gov only), got "europe"',
    ],
    [
      'ISO region (unsupported partition)',
      (d) => (d.target.region = 'us-iso-east-1'),
      'target.region: must be an AWS region such as "eu-west-1" (partitions aws, aws-cn and aws-us-gov only), got "us-iso-east-1"',
    ],
    [
      'ISOB region (unsupported partition)',
      (d) => (d.source.region = 'us-isob-east-1'),
      'source.region: must be an AWS region such as "eu-west-1" (partitions aws, aws-cn and aws-us-gov only), got "us-isob-east-1"',
    ],
    ['upper-case region', (d) => (d.target.region = 'EU-WEST-1'), 'target.region: must be an AWS region'],
    ['missing target', (d) => delete (d as Partial<Doc>).target, 'target: is required (expected object)'],
    [
      'missing table name',
      (d) => delete (d.table as Partial<Doc['table']>).name,
      'table.name: is required (expected string)',
    ],
    ['unknown top-level key', (d) => (d.extra = 1), '(root): unknown key "extra": remove or fix the spelling'],
    [
      'misspelled nested key',
      (d) => ((d.source as Record<string, unknown>).acountId = '1'),
      'source: unknown key "acountId"',
    ],
    [
      'duration 3601',
      (d) => (d.sessionDurationSeconds = 3601),
      'sessionDurationSeconds: must be at most 3600 seconds (role chaining caps sessions at one hour), got 3601',
    ],
    ['duration 899', (d) => (d.sessionDurationSeconds = 899), 'sessionDurationSeconds: must be at least 900 seconds'],
    [
      'duration fractional',
      (d) => (d.sessionDurationSeconds = 1000.5),
      'sessionDurationSeconds: must be a whole number of seconds',
    ],
    [
      'ExternalId with a space',
      (d) => (d.externalId = 'has space'),
      'externalId: must be 2-1224 characters of letters, digits and +=,.@:/_- (no spaces)',
    ],
    ['ExternalId too short', (d) => (d.externalId = 'x'), 'externalId: must be 2-1224 characters'],
    [
      'ExternalId under 32 characters for kind aws',
      (d) => (d.externalId = 'a'.repeat(31)),
      'externalId: must be at least 32 characters for a stage of kind "aws", got 31: make one with `openssl rand -hex 24`',
    ],
    [
      'unknown approval level',
      (d) => (d.deploy = { requireApproval: 'always' }),
      'deploy.requireApproval: must be one of never, any-change, broadening, destructive (cdk deploy --require-approval), got "always"',
    ],
    [
      'reserved concurrency of 0',
      (d) => (d.lambda = { reservedConcurrency: 0 }),
      'lambda.reservedConcurrency: must be at least 1',
    ],
    [
      'fractional reserved concurrency',
      (d) => (d.lambda = { reservedConcurrency: 2.5 }),
      'lambda.reservedConcurrency: must be a whole number of concurrent executions',
    ],
    ['ExternalId too long', (d) => (d.externalId = 'x'.repeat(1225)), 'externalId: must be 2-1224 characters'],
    ['empty table name', (d) => (d.table.name = ''), 'table.name: must be 3-255 characters'],
    [
      'table name with illegal characters',
      (d) => (d.table.name = 'my table!'),
      'table.name: must be 3-255 characters of letters, digits, "_", "-" and "." (DynamoDB table name), got "my table!"',
    ],
    [
      'binary key type',
      (d) => (d.table.partitionKey.type = 'B'),
      'table.partitionKey.type: must be "S" (string) or "N" (number), got "B"',
    ],
    ['empty key name', (d) => (d.table.partitionKey.name = ''), 'table.partitionKey.name: must not be empty'],
    [
      'sort key equal to partition key',
      (d) => ((d.table as Record<string, unknown>).sortKey = { name: 'deviceId', type: 'S' }),
      'table.sortKey.name: must differ from the partition key name',
    ],
    [
      'role name too long',
      (d) => (d.roles.accessRoleName = 'r'.repeat(65)),
      'roles.accessRoleName: must be 1-64 characters',
    ],
    ['role name with slash', (d) => (d.roles.readerRoleName = 'a/b'), 'roles.readerRoleName: must be 1-64 characters'],
    ['unknown kind', (d) => (d.kind = 'gcp'), 'kind: must be "aws" or "local", got "gcp"'],
    ['unknown auth', (d) => (d.api.auth = 'cognito'), 'api.auth: must be "iam" (SigV4, the default) or "none"'],
    ['zero rate limit', (d) => (d.api.throttling.rateLimit = 0), 'api.throttling.rateLimit: must be greater than 0'],
    [
      'fractional burst',
      (d) => (d.api.throttling.burstLimit = 1.5),
      'api.throttling.burstLimit: must be a whole number of requests',
    ],
    ['bad stage name', (d) => (d.name = 'Prod_1'), 'name: must be 1-32 lowercase letters'],
    ['bad profile', (d) => (d.source.profile = 'a b'), 'source.profile: must be an AWS CLI profile name'],
  ];

  it.each(bad)('rejects %s with the field path and the fix', (_label, mutate, expected) => {
    // Act
    const message = messageFor(mutate);
    // Assert
    expect(message).toContain(`config/stages/prod.json: ${expected}`);
  });

  it.each(['eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1', 'il-central-1'])(
    'accepts the region %s of a supported partition',
    (region) => {
      // Arrange
      const doc = valid();
      doc.target.region = region;

      // Act
      const stage = parseStage(doc, 'x.json');

      // Assert
      expect(stage.target.region).toBe(region);
    },
  );

  it('accepts a 32-character ExternalId for kind aws, a short one for kind local, and a reserved concurrency', () => {
    expect(parseStage({ ...valid(), externalId: 'p'.repeat(32) }, 'x.json').externalId).toHaveLength(32);
    expect(parseStage({ ...valid(), kind: 'local', externalId: 'local-id' }, 'x.json').kind).toBe('local');
    expect(parseStage({ ...valid(), lambda: { reservedConcurrency: 5 } }, 'x.json').lambda).toEqual({
      reservedConcurrency: 5,
    });
    expect(parseStage({ ...valid(), deploy: { requireApproval: 'any-change' } }, 'x.json').deploy).toEqual({
      requireApproval: 'any-change',
    });
  });

  it('reports every bad field at once, one per line', () => {
    const message = messageFor((d) => {
      d.target.accountId = '1';
      d.table.name = '';
      d.sessionDurationSeconds = 3601;
    });
    expect(message.split('\n')).toHaveLength(3);
  });

  it('never echoes the ExternalId value', () => {
    const message = messageFor((d) => (d.externalId = 'secret value'));
    expect(message).not.toContain('secret value');
    expect(message).toContain('a value of 12 characters');
  });

  it.each([
    ['a session shorter than STS allows', (d: Doc) => (d.sessionDurationSeconds = 899), 'must be at least 900 seconds'],
    [
      'a session that is not a number',
      (d: Doc) => Object.assign(d, { sessionDurationSeconds: 'long' }),
      'must be a number of seconds between 900 and 3600',
    ],
    ['a fractional session', (d: Doc) => (d.sessionDurationSeconds = 1000.5), 'must be a whole number of seconds'],
    [
      'a sort key named like the partition key',
      (d: Doc) => Object.assign(d.table, { sortKey: { name: 'deviceId', type: 'S' } }),
      'table.sortKey.name: must differ from the partition key name',
    ],
    [
      'one role name for both roles in one account',
      (d: Doc) => {
        d.target.accountId = d.source.accountId;
        d.roles.accessRoleName = d.roles.readerRoleName;
      },
      'roles.accessRoleName: must differ from readerRoleName',
    ],
    ['unknown keys', (d: Doc) => Object.assign(d, { extra1: 1, extra2: 2 }), 'unknown keys "extra1", "extra2"'],
    ['a long rejected value', (d: Doc) => (d.target.accountId = '9'.repeat(100)), `"${'9'.repeat(56)}...`],
  ])('rejects %s', (_label, mutate, expected) => {
    expect(messageFor(mutate)).toContain(expected);
  });
});

/** The message of the ConfigError that parsing `doc` as prod.json throws. */
function rejection(doc: unknown): string {
  try {
    parseStage(doc, 'prod.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected parseStage to throw');
}

describe('parseStage: access modes and encryption', () => {
  const resourcePolicy = () => {
    const doc: Partial<Doc> & Record<string, unknown> = { ...valid(), access: { mode: 'resource-policy' } };
    delete doc.externalId;
    doc.roles = { readerRoleName: 'reader' } as Doc['roles'];
    return doc;
  };

  it('defaults to assume-role with the aws/dynamodb key, as before', () => {
    const stage = parseStage(valid(), 'x.json');
    expect(stage.access).toEqual({ mode: 'assume-role', grants: ['assume-role'] });
    expect(stage.table.encryption).toBe('aws-managed');
  });

  it('defaults to the AWS owned key in resource-policy mode, where neither ExternalId nor access role is needed', () => {
    const stage = parseStage(resourcePolicy(), 'x.json');
    expect(stage.access).toEqual({ mode: 'resource-policy', grants: ['resource-policy'] });
    expect(stage.table.encryption).toBe('aws-owned');
    expect(stage.externalId).toBeUndefined();
  });

  it('accepts a customer managed key in either mode', () => {
    const table = { ...valid().table, encryption: 'customer-managed' };
    expect(parseStage({ ...resourcePolicy(), table }, 'x.json').table.encryption).toBe('customer-managed');
    expect(parseStage({ ...valid(), table }, 'x.json').table.encryption).toBe('customer-managed');
  });

  it('refuses resource-policy with the AWS managed key, saying why and what to pick', () => {
    const message = rejection({ ...resourcePolicy(), table: { ...valid().table, encryption: 'aws-managed' } });
    expect(message).toBe(
      'prod.json: table.encryption: "aws-managed" cannot be used with access mode "resource-policy": AWS does not support ' +
        'cross-account resource-policy access to tables encrypted with the AWS managed key aws/dynamodb. Use "aws-owned" ' +
        '(the default in this mode) or "customer-managed" (a KMS key in target-infra whose policy lets the reader decrypt).',
    );
  });

  it('requires the ExternalId and the access role name in assume-role mode only', () => {
    const doc: Partial<Doc> = valid();
    delete doc.externalId;
    doc.roles = { readerRoleName: 'reader' } as Doc['roles'];
    expect(rejection(doc).split('\n')).toEqual([
      'prod.json: externalId: is required in access mode "assume-role" (the access role\'s trust checks sts:ExternalId)',
      'prod.json: roles.accessRoleName: is required in access mode "assume-role" (the role in the target account the reader assumes)',
    ]);
  });

  it('grants both ways while switching: both grants need their settings, and the key must suit resource policies', () => {
    const both = { ...valid(), access: { mode: 'assume-role', grants: ['assume-role', 'resource-policy'] } };
    const stage = parseStage(both, 'x.json');
    expect(stage.access.grants).toEqual(['assume-role', 'resource-policy']);
    expect(stage.table.encryption).toBe('aws-owned');
    expect(rejection({ ...both, table: { ...valid().table, encryption: 'aws-managed' } })).toContain(
      'table.encryption: "aws-managed" cannot be used',
    );
  });

  it.each([
    [{ mode: 'resource-policy', grants: ['assume-role'] }, 'access.grants: must include the mode "resource-policy"'],
    [
      { mode: 'assume-role', grants: ['assume-role', 'assume-role'] },
      'access.grants: must list each access mode at most once',
    ],
    [{ mode: 'assume-role', grants: [] }, 'access.grants: must list at least one access mode'],
    [{ mode: 'sts' }, 'access.mode: must be "assume-role" or "resource-policy", got "sts"'],
  ])('rejects access %j', (access, expected) => {
    expect(rejection({ ...valid(), access })).toContain(`prod.json: ${expected}`);
  });

  it('rejects an unknown encryption', () => {
    expect(rejection({ ...valid(), table: { ...valid().table, encryption: 'none' } })).toContain(
      'table.encryption: must be "aws-owned", "aws-managed" or "customer-managed", got "none"',
    );
  });
});

describe('parseStage: table.indexes', () => {
  const byOwner = () => ({
    name: 'byOwner',
    partitionKey: { name: 'owner', type: 'S' },
    sortKey: { name: 'timestamp', type: 'S' },
    projection: 'ALL',
  });
  const withIndexes = (...indexes: unknown[]) => ({ ...valid(), table: { ...valid().table, indexes } });

  it('defaults to no indexes', () => {
    expect(parseStage(valid(), 'x.json').table.indexes).toEqual([]);
  });

  it('accepts every projection, and an include list that names key attributes', () => {
    const stage = parseStage(
      withIndexes(
        byOwner(),
        { name: 'bySite', partitionKey: { name: 'site', type: 'S' }, projection: 'KEYS_ONLY' },
        { name: 'byLevel', partitionKey: { name: 'level', type: 'N' }, projection: { include: ['deviceId', 'note'] } },
      ),
      'x.json',
    );
    expect(stage.table.indexes.map((i) => i.projection)).toEqual([
      'ALL',
      'KEYS_ONLY',
      { include: ['deviceId', 'note'] },
    ]);
    expect(stage.table.indexes[0]).toEqual(byOwner());
  });

  it.each([
    [
      'a duplicate name',
      [byOwner(), { ...byOwner(), partitionKey: { name: 'site', type: 'S' } }],
      'table.indexes.1.name: must be unique: index 1 repeats the name "byOwner" of index 0',
    ],
    [
      'one attribute as both keys',
      [{ ...byOwner(), sortKey: { name: 'owner', type: 'S' } }],
      "table.indexes.0.sortKey.name: must differ from the index's partition key name",
    ],
    [
      'a key typed unlike the table key of that name',
      [{ ...byOwner(), partitionKey: { name: 'deviceId', type: 'N' } }],
      `table.indexes.0.partitionKey.type: must be "S" like the table's partition key "deviceId" (DynamoDB gives an attribute one type across the table and its indexes), got "N"`,
    ],
    [
      'a key typed unlike another index key of that name',
      [byOwner(), { name: 'byTime', partitionKey: { name: 'timestamp', type: 'N' }, projection: 'ALL' }],
      `table.indexes.1.partitionKey.type: must be "S" like index "byOwner"'s sort key "timestamp"`,
    ],
    [
      'an unknown projection',
      [{ ...byOwner(), projection: 'SOME' }],
      'table.indexes.0.projection: must be "ALL", "KEYS_ONLY" or { "include": [non-key attribute names] }, got "SOME"',
    ],
    [
      'a missing projection',
      [{ name: 'byOwner', partitionKey: { name: 'owner', type: 'S' } }],
      'table.indexes.0.projection: is required: "ALL", "KEYS_ONLY" or { "include": [non-key attribute names] }',
    ],
    [
      'an empty include list',
      [{ ...byOwner(), projection: { include: [] } }],
      'table.indexes.0.projection.include: must name at least one attribute (use "KEYS_ONLY" for none)',
    ],
    [
      'a misspelled include',
      [{ ...byOwner(), projection: { inclde: ['a'] } }],
      'table.indexes.0.projection: must be "ALL", "KEYS_ONLY" or { "include": [non-key attribute names] }, got {"inclde":["a"]}',
    ],
    [
      'a bad index name',
      [{ ...byOwner(), name: 'by owner' }],
      'table.indexes.0.name: must be 3-255 characters of letters, digits, "_", "-" and "." (DynamoDB index name), got "by owner"',
    ],
    [
      'a binary index key',
      [{ ...byOwner(), partitionKey: { name: 'owner', type: 'B' } }],
      'table.indexes.0.partitionKey.type: must be "S" (string) or "N" (number), got "B"',
    ],
    ['an unknown index key', [{ ...byOwner(), extra: 1 }], 'table.indexes.0: unknown key "extra"'],
  ])('rejects %s, naming the field', (_label, indexes, expected) => {
    expect(rejection(withIndexes(...indexes))).toContain(`prod.json: ${expected}`);
  });

  it('rejects more indexes than the default GSI quota', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ ...byOwner(), name: `index${i}` }));
    expect(rejection(withIndexes(...many))).toContain('table.indexes: must declare at most 20 indexes');
  });
});
