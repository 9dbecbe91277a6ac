import { object, string } from 'zod';
import {
  attributeNameField,
  externalIdField,
  keyTypeField,
  regionField,
  sessionDurationField,
  sourceIdentityField,
  tableNameField,
} from './fields';
import { got } from './got';
import { partitionOfRegion } from './partition-of-region';

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::([^:]*):role\/((?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/;

/** The reader Lambda's environment, as set by source-infra from the stage (see readerEnvFromStage). */
export const readerEnvSchema = object({
  TARGET_ROLE_ARN: string({ error: 'is required: the ARN of the access role in the target account' }).regex(ROLE_ARN, {
    error: (iss) => `must be an IAM role ARN like arn:aws:iam::222222222222:role/name, got ${got(iss.input)}`,
  }),
  EXTERNAL_ID: externalIdField,
  SOURCE_IDENTITY: sourceIdentityField,
  TABLE_NAME: tableNameField,
  TARGET_REGION: regionField,
  PARTITION_KEY_NAME: attributeNameField,
  PARTITION_KEY_TYPE: keyTypeField,
  SORT_KEY_NAME: attributeNameField.optional(),
  SORT_KEY_TYPE: keyTypeField.optional(),
  SESSION_DURATION_SECONDS: string({ error: 'is required: seconds between 900 and 3600' })
    .regex(/^\d+$/, { error: (iss) => `must be a whole number of seconds, got ${got(iss.input)}` })
    .transform(Number)
    .pipe(sessionDurationField),
  /** Set by the Lambda runtime; names the STS session. */
  AWS_LAMBDA_FUNCTION_NAME: string().min(1).default('reader'),
}).superRefine((env, ctx) => {
  const match = ROLE_ARN.exec(env.TARGET_ROLE_ARN);
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
});
