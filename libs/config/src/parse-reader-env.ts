import { ConfigError } from './errors';
import { formatIssues } from './format-issues';
import type { ReaderEnv } from './reader-env';
import { readerEnvSchema } from './reader-env-schema';

/**
 * Parses the reader's environment once, at cold start. A bad environment fails the init with one
 * message naming every bad variable; values of secrets are never echoed.
 */
export function parseReaderEnv(env: Record<string, string | undefined> = process.env): ReaderEnv {
  const result = readerEnvSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError('ENV_INVALID', formatIssues('environment', result.error, env));
  }
  const e = result.data;
  return {
    targetRoleArn: e.TARGET_ROLE_ARN,
    externalId: e.EXTERNAL_ID,
    sourceIdentity: e.SOURCE_IDENTITY,
    tableName: e.TABLE_NAME,
    targetRegion: e.TARGET_REGION,
    partitionKey: { name: e.PARTITION_KEY_NAME, type: e.PARTITION_KEY_TYPE },
    ...(e.SORT_KEY_NAME && e.SORT_KEY_TYPE ? { sortKey: { name: e.SORT_KEY_NAME, type: e.SORT_KEY_TYPE } } : {}),
    sessionDurationSeconds: e.SESSION_DURATION_SECONDS,
    functionName: e.AWS_LAMBDA_FUNCTION_NAME,
  };
}
