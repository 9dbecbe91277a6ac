import { enum as zEnum, number, string } from 'zod';
import { got } from './got';

// Field rules shared by the stage schema and the Lambda env schema, each with a message that says how to fix it.

export const accountIdField = string({
  error: (iss) => `must be a 12-digit AWS account id string, got ${got(iss.input)}`,
}).regex(/^\d{12}$/, { error: (iss) => `must be 12 digits, got ${got(iss.input)}` });

/** Regions of the aws, aws-cn and aws-us-gov partitions only: `partitionOfRegion` knows no other (no ISO regions). */
export const regionField = string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d{1,2}$/, {
  error: (iss) =>
    `must be an AWS region such as "eu-west-1" (partitions aws, aws-cn and aws-us-gov only), got ${got(iss.input)}`,
});

/** IAM role names: 1-64 of [\w+=,.@-]. */
export const roleNameField = string().regex(/^[\w+=,.@-]{1,64}$/, {
  error: (iss) => `must be 1-64 characters of letters, digits and +=,.@_- (IAM role name), got ${got(iss.input)}`,
});

/** DynamoDB table names: 3-255 of [a-zA-Z0-9_.-]. */
export const tableNameField = string().regex(/^[A-Za-z0-9_.-]{3,255}$/, {
  error: (iss) =>
    `must be 3-255 characters of letters, digits, "_", "-" and "." (DynamoDB table name), got ${got(iss.input)}`,
});

/** DynamoDB index names: 3-255 of [a-zA-Z0-9_.-] (also safe in a URL path segment). */
const INDEX_NAME_RULE = 'must be 3-255 characters of letters, digits, "_", "-" and "." (DynamoDB index name)';
export const indexNameField = string({ error: (iss) => `${INDEX_NAME_RULE}, got ${got(iss.input)}` }).regex(
  /^[A-Za-z0-9_.-]{3,255}$/,
  { error: (iss) => `${INDEX_NAME_RULE}, got ${got(iss.input)}` },
);

export const attributeNameField = string()
  .min(1, { error: 'must not be empty (the attribute name of the key)' })
  .max(255, { error: 'must be at most 255 characters' });

/** Keys reachable from a URL path: strings and numbers. Binary keys are not supported by the reader. */
export const keyTypeField = zEnum(['S', 'N'], {
  error: (iss) => `must be "S" (string) or "N" (number), got ${got(iss.input)}`,
});

/** STS ExternalId: 2-1224 of [\w+=,.@:/-]. The value is never echoed: it is part of the trust contract. */
export const externalIdField = string({ error: 'must be a string of 2-1224 characters' }).regex(
  /^[\w+=,.@:/-]{2,1224}$/,
  {
    error: (iss) =>
      `must be 2-1224 characters of letters, digits and +=,.@:/_- (no spaces), got a value of ${String(iss.input).length} characters`,
  },
);

/** Lambda -> role is role chaining, which STS caps at one hour. */
export const sessionDurationField = number({
  error: (iss) => `must be a number of seconds between 900 and 3600, got ${got(iss.input)}`,
})
  .int({ error: 'must be a whole number of seconds' })
  .min(900, { error: (iss) => `must be at least 900 seconds (STS minimum), got ${got(iss.input)}` })
  .max(3600, {
    error: (iss) => `must be at most 3600 seconds (role chaining caps sessions at one hour), got ${got(iss.input)}`,
  });

/** STS SourceIdentity: 2-64 of [\w+=,.@-]. */
export const sourceIdentityField = string().regex(/^[\w+=,.@-]{2,64}$/, {
  error: (iss) => `must be 2-64 characters of letters, digits and +=,.@_-, got ${got(iss.input)}`,
});
