import { array, enum as zEnum, literal, number, string, strictObject, union } from 'zod';
import type { input, output } from 'zod';
import {
  accountIdField,
  attributeNameField,
  externalIdField,
  indexNameField,
  keyTypeField,
  regionField,
  roleNameField,
  sessionDurationField,
  tableNameField,
} from './fields';
import { got } from './got';
import { indexKeyIssues } from './index-key-issues';

/** The values of `cdk deploy --require-approval`. */
export const REQUIRE_APPROVAL = ['never', 'any-change', 'broadening', 'destructive'] as const;
export type RequireApproval = (typeof REQUIRE_APPROVAL)[number];

/** Shortest ExternalId a stage of kind `aws` accepts (`openssl rand -hex 24` gives 48). */
const MIN_AWS_EXTERNAL_ID_LENGTH = 32;

const accountSchema = strictObject({
  accountId: accountIdField,
  region: regionField,
  /** AWS CLI profile used by `nx deploy` for stages of kind `aws`. */
  profile: string()
    .regex(/^[\w.@+-]{1,64}$/, { error: (iss) => `must be an AWS CLI profile name, got ${got(iss.input)}` })
    .optional(),
});

const keySchema = strictObject({ name: attributeNameField, type: keyTypeField });

const PROJECTION_HINT = '"ALL", "KEYS_ONLY" or { "include": [non-key attribute names] }';

/** Which attributes a GSI copies: all, the keys only (table's and index's), or the keys plus the listed attributes. */
const projectionSchema = union(
  [
    literal('ALL'),
    literal('KEYS_ONLY'),
    strictObject({
      /** Key attributes are always projected; naming them here is allowed and changes nothing. */
      include: array(attributeNameField)
        .min(1, { error: 'must name at least one attribute (use "KEYS_ONLY" for none)' })
        .max(100, { error: 'must name at most 100 attributes (the DynamoDB limit across all indexes of a table)' }),
    }),
  ],
  {
    error: (iss) =>
      iss.input === undefined ? `is required: ${PROJECTION_HINT}` : `must be ${PROJECTION_HINT}, got ${got(iss.input)}`,
  },
);

/** A global secondary index target-infra creates and the reader may Query (`GET /indexes/{name}/items/{pk}`). */
const indexSchema = strictObject({
  name: indexNameField,
  partitionKey: keySchema,
  sortKey: keySchema.optional(),
  projection: projectionSchema,
});

/** How the reader reaches the table: assume a role in the target account, or its own role via the table's resource policy. */
export const ACCESS_MODES = ['assume-role', 'resource-policy'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];
/** The table's KMS key: the AWS owned key, the target account's `aws/dynamodb` key, or a key target-infra creates. */
export const TABLE_ENCRYPTIONS = ['aws-owned', 'aws-managed', 'customer-managed'] as const;
export type TableEncryption = (typeof TABLE_ENCRYPTIONS)[number];

const accessModeField = zEnum(ACCESS_MODES, {
  error: (iss) => `must be "assume-role" or "resource-policy", got ${got(iss.input)}`,
});

const throttlingSchema = strictObject({
  rateLimit: number({ error: 'must be a number of requests per second' })
    .positive({ error: 'must be greater than 0 requests per second' })
    .max(10_000, { error: 'must be at most 10000 (the account-level API Gateway default)' }),
  burstLimit: number({ error: 'must be a whole number of requests' })
    .int({ error: 'must be a whole number of requests' })
    .min(1, { error: 'must be at least 1' })
    .max(5_000, { error: 'must be at most 5000 (the account-level API Gateway default)' }),
});

/** A deployment of the pattern: which two accounts, which table, which roles. One file per stage. */
export const stageSchema = strictObject({
  /** Must equal the file name (config/stages/<name>.json). */
  name: string().regex(/^[a-z][a-z0-9-]{0,31}$/, {
    error: (iss) => `must be 1-32 lowercase letters, digits or "-", starting with a letter, got ${got(iss.input)}`,
  }),
  /** `aws` deploys with the CDK CLI; `local` deploys into the offline sandbox. */
  kind: zEnum(['aws', 'local'], { error: (iss) => `must be "aws" or "local", got ${got(iss.input)}` }),
  source: accountSchema,
  target: accountSchema,
  table: strictObject({
    name: tableNameField,
    partitionKey: keySchema,
    sortKey: keySchema.optional(),
    /** Global secondary indexes. */
    indexes: array(indexSchema)
      .max(20, {
        error: 'must declare at most 20 indexes (the default DynamoDB quota of global secondary indexes per table)',
      })
      .default([]),
    /** @default "aws-owned" when the resource-policy grant is deployed, else "aws-managed" */
    encryption: zEnum(TABLE_ENCRYPTIONS, {
      error: (iss) => `must be "aws-owned", "aws-managed" or "customer-managed", got ${got(iss.input)}`,
    }).optional(),
  }),
  access: strictObject({
    /** What the reader uses. */
    mode: accessModeField.default('assume-role'),
    /**
     * What target-infra grants and the reader role may use. Both only while switching modes (README).
     * @default [mode]
     */
    grants: array(accessModeField)
      .min(1, { error: 'must list at least one access mode' })
      .max(2, { error: 'must list each access mode at most once' })
      .optional(),
  }).default({ mode: 'assume-role' }),
  roles: strictObject({
    /** The role in the target account the reader assumes (assume-role grant only). */
    accessRoleName: roleNameField.optional(),
    /** The Lambda execution role in the source account; the access role's trust names it. */
    readerRoleName: roleNameField,
  }),
  /** Required when the assume-role grant is deployed (the access role's trust checks it). */
  externalId: externalIdField.optional(),
  sessionDurationSeconds: sessionDurationField.default(3600),
  deploy: strictObject({
    /** `cdk deploy --require-approval` for this stage; unset: CDK's prompt at a terminal, `never` in CI. */
    requireApproval: zEnum(REQUIRE_APPROVAL, {
      error: (iss) =>
        `must be one of ${REQUIRE_APPROVAL.join(', ')} (cdk deploy --require-approval), got ${got(iss.input)}`,
    }).optional(),
  }).optional(),
  lambda: strictObject({
    /** Reserved concurrency of the reader function; unset (the default) draws from the account's unreserved pool. */
    reservedConcurrency: number({ error: 'must be a whole number of concurrent executions' })
      .int({ error: 'must be a whole number of concurrent executions' })
      .min(1, {
        error: (iss) =>
          `must be at least 1 (0 would throttle every request; leave the field out for no reservation), got ${got(iss.input)}`,
      })
      .optional(),
  }).optional(),
  api: strictObject({
    auth: zEnum(['iam', 'none'], {
      error: (iss) => `must be "iam" (SigV4, the default) or "none" (public, explicit opt-out), got ${got(iss.input)}`,
    }).default('iam'),
    throttling: throttlingSchema.default({ rateLimit: 50, burstLimit: 100 }),
  }).default({ auth: 'iam', throttling: { rateLimit: 50, burstLimit: 100 } }),
})
  .superRefine((stage, ctx) => {
    if (stage.table.sortKey?.name === stage.table.partitionKey.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['table', 'sortKey', 'name'],
        message: 'must differ from the partition key name',
      });
    }
    for (const issue of indexKeyIssues(stage.table.indexes, stage.table)) {
      ctx.addIssue({ code: 'custom', path: ['table', 'indexes', ...issue.path], message: issue.message });
    }
    if (
      stage.roles.accessRoleName === stage.roles.readerRoleName &&
      stage.source.accountId === stage.target.accountId
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['roles', 'accessRoleName'],
        message: 'must differ from readerRoleName when source and target are the same account',
      });
    }
    // A guessable ExternalId defeats the confused-deputy guard; the sandbox's local stages keep short, readable ones.
    if (
      stage.kind === 'aws' &&
      stage.externalId !== undefined &&
      stage.externalId.length < MIN_AWS_EXTERNAL_ID_LENGTH
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['externalId'],
        message: `must be at least ${MIN_AWS_EXTERNAL_ID_LENGTH} characters for a stage of kind "aws", got ${stage.externalId.length}: make one with \`openssl rand -hex 24\` (a partner-issued value of that length is fine)`,
      });
    }
    const grants = stage.access.grants ?? [stage.access.mode];
    if (new Set(grants).size !== grants.length) {
      ctx.addIssue({ code: 'custom', path: ['access', 'grants'], message: 'must list each access mode at most once' });
    }
    if (!grants.includes(stage.access.mode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['access', 'grants'],
        message: `must include the mode "${stage.access.mode}" (the reader cannot use a grant the target does not deploy)`,
      });
    }
    if (grants.includes('assume-role')) {
      if (stage.externalId === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['externalId'],
          message: 'is required in access mode "assume-role" (the access role\'s trust checks sts:ExternalId)',
        });
      }
      if (stage.roles.accessRoleName === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['roles', 'accessRoleName'],
          message: 'is required in access mode "assume-role" (the role in the target account the reader assumes)',
        });
      }
    }
    if (grants.includes('resource-policy') && stage.table.encryption === 'aws-managed') {
      ctx.addIssue({
        code: 'custom',
        path: ['table', 'encryption'],
        message:
          '"aws-managed" cannot be used with access mode "resource-policy": AWS does not support cross-account ' +
          'resource-policy access to tables encrypted with the AWS managed key aws/dynamodb. Use "aws-owned" ' +
          '(the default in this mode) or "customer-managed" (a KMS key in target-infra whose policy lets the reader decrypt).',
      });
    }
  })
  .transform((stage) => {
    const grants = stage.access.grants ?? [stage.access.mode];
    const encryption: TableEncryption =
      stage.table.encryption ?? (grants.includes('resource-policy') ? 'aws-owned' : 'aws-managed');
    return { ...stage, table: { ...stage.table, encryption }, access: { mode: stage.access.mode, grants } };
  });

/** A validated stage, with defaults applied (`access.grants` and `table.encryption` always set). */
export type Stage = output<typeof stageSchema>;
/** A declared global secondary index, as target-infra creates it. */
export type StageIndex = Stage['table']['indexes'][number];
/** What a stage file may contain (defaults not yet applied). */
export type StageInput = input<typeof stageSchema>;
