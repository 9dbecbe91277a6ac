import { array, enum as zEnum, NEVER, object, string, strictObject } from 'zod';
import {
  attributeNameField,
  externalIdField,
  indexNameField,
  keyTypeField,
  regionField,
  sessionDurationField,
  sourceIdentityField,
  tableNameField,
} from './fields';
import { got } from './got';
import { indexKeyIssues } from './index-key-issues';
import { partitionOfRegion } from './partition-of-region';

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::([^:]*):role\/((?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/;
const TABLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):dynamodb:([^:]*):(\d{12}):table\/([A-Za-z0-9_.-]{3,255})$/;

/** Variables only one access mode reads, with what they are. */
const ASSUME_ROLE_ONLY = {
  TARGET_ROLE_ARN: 'the ARN of the access role in the target account',
  EXTERNAL_ID: "the ExternalId the access role's trust requires",
  SOURCE_IDENTITY: "the SourceIdentity the access role's trust requires",
  SESSION_DURATION_SECONDS: 'seconds between 900 and 3600',
} as const;

const TABLE_INDEXES_EXAMPLE = '[{"name":"byOwner","partitionKey":{"name":"owner","type":"S"}}]';
const envKeySchema = strictObject({ name: attributeNameField, type: keyTypeField });

/** `TABLE_INDEXES`: the stage's `table.indexes` as JSON, keys only (readerEnvFromStage writes it). */
const tableIndexesField = string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `must be a JSON array like ${TABLE_INDEXES_EXAMPLE} (source-infra sets it from the stage's table.indexes), got text that is not JSON`,
      });
      return NEVER;
    }
  })
  .pipe(
    array(strictObject({ name: indexNameField, partitionKey: envKeySchema, sortKey: envKeySchema.optional() }), {
      error: (iss) => `must be a JSON array like ${TABLE_INDEXES_EXAMPLE}, got ${got(iss.input)}`,
    }),
  );

/** The reader Lambda's environment, as set by source-infra from the stage (see readerEnvFromStage). */
export const readerEnvSchema = object({
  /** `assume-role` (default) or `resource-policy`; decides which of the variables below are required. */
  ACCESS_MODE: zEnum(['assume-role', 'resource-policy'], {
    error: (iss) => `must be "assume-role" or "resource-policy", got ${got(iss.input)}`,
  }).default('assume-role'),
  TARGET_ROLE_ARN: string()
    .regex(ROLE_ARN, {
      error: (iss) => `must be an IAM role ARN like arn:aws:iam::222222222222:role/name, got ${got(iss.input)}`,
    })
    .optional(),
  EXTERNAL_ID: externalIdField.optional(),
  SOURCE_IDENTITY: sourceIdentityField.optional(),
  TABLE_NAME: tableNameField,
  /** resource-policy mode: the table's ARN, sent as TableName. */
  TABLE_ARN: string()
    .regex(TABLE_ARN, {
      error: (iss) =>
        `must be a DynamoDB table ARN like arn:aws:dynamodb:eu-west-1:222222222222:table/name, got ${got(iss.input)}`,
    })
    .optional(),
  TARGET_REGION: regionField,
  PARTITION_KEY_NAME: attributeNameField,
  PARTITION_KEY_TYPE: keyTypeField,
  SORT_KEY_NAME: attributeNameField.optional(),
  SORT_KEY_TYPE: keyTypeField.optional(),
  /** The table's GSIs; absent when it has none. */
  TABLE_INDEXES: tableIndexesField.optional(),
  SESSION_DURATION_SECONDS: string()
    .regex(/^\d+$/, { error: (iss) => `must be a whole number of seconds, got ${got(iss.input)}` })
    .transform(Number)
    .pipe(sessionDurationField)
    .optional(),
  /** Set by the Lambda runtime; names the STS session. */
  AWS_LAMBDA_FUNCTION_NAME: string().min(1).default('reader'),
}).superRefine((env, ctx) => {
  if (env.ACCESS_MODE === 'assume-role') {
    for (const [name, what] of Object.entries(ASSUME_ROLE_ONLY)) {
      if (env[name as keyof typeof ASSUME_ROLE_ONLY] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: `is required in ACCESS_MODE assume-role: ${what}` });
      }
    }
  } else if (env.TABLE_ARN === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['TABLE_ARN'],
      message: 'is required in ACCESS_MODE resource-policy: the ARN of the target table, sent as TableName',
    });
  }
  const table = TABLE_ARN.exec(env.TABLE_ARN ?? '');
  if (table) {
    const [, partition, region, , name] = table;
    if (name !== env.TABLE_NAME || region !== env.TARGET_REGION || partition !== partitionOfRegion(env.TARGET_REGION)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TABLE_ARN'],
        message: `must name table ${env.TABLE_NAME} in ${env.TARGET_REGION} (TABLE_NAME, TARGET_REGION), got ${got(env.TABLE_ARN)}`,
      });
    }
  }
  const match = ROLE_ARN.exec(env.TARGET_ROLE_ARN ?? '');
  if (match) {
    const [, partition, account] = match;
    if (!/^\d{12}$/.test(account ?? '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['TARGET_ROLE_ARN'],
        message: `the account in the role ARN must be a 12-digit id, got ${got(account)}`,
      });
    }
    if (partition !== partitionOfRegion(env.TARGET_REGION)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TARGET_ROLE_ARN'],
        message: `partition "${partition}" does not match TARGET_REGION ${env.TARGET_REGION} (partition "${partitionOfRegion(env.TARGET_REGION)}")`,
      });
    }
  }
  if ((env.SORT_KEY_NAME === undefined) !== (env.SORT_KEY_TYPE === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [env.SORT_KEY_NAME === undefined ? 'SORT_KEY_NAME' : 'SORT_KEY_TYPE'],
      message: 'SORT_KEY_NAME and SORT_KEY_TYPE must be set together (or neither, for a table without a sort key)',
    });
  }
  if (env.SORT_KEY_NAME !== undefined && env.SORT_KEY_NAME === env.PARTITION_KEY_NAME) {
    ctx.addIssue({
      code: 'custom',
      path: ['SORT_KEY_NAME'],
      message: `must differ from PARTITION_KEY_NAME (both are ${got(env.SORT_KEY_NAME)}): a key attribute cannot be both`,
    });
  }
  const tableKeys = {
    partitionKey: { name: env.PARTITION_KEY_NAME, type: env.PARTITION_KEY_TYPE },
    ...(env.SORT_KEY_NAME && env.SORT_KEY_TYPE
      ? { sortKey: { name: env.SORT_KEY_NAME, type: env.SORT_KEY_TYPE } }
      : {}),
  };
  for (const issue of indexKeyIssues(env.TABLE_INDEXES ?? [], tableKeys)) {
    ctx.addIssue({ code: 'custom', path: ['TABLE_INDEXES', ...issue.path], message: issue.message });
  }
});
