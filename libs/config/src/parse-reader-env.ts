import { ConfigError } from './errors';
import { formatIssues } from './format-issues';
import type { ReaderEnv } from './reader-env';
import { readerEnvSchema } from './reader-env-schema';

function parsedJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/**
 * Parses the reader's environment once, at cold start. A bad environment fails the init with one
 * message naming every bad variable; values of secrets are never echoed.
 */
export function parseReaderEnv(env: Record<string, string | undefined> = process.env): ReaderEnv {
  const result = readerEnvSchema.safeParse(env);
  if (!result.success) {
    // Issues inside TABLE_INDEXES have paths into its JSON: describe them against the parsed value.
    const shown = { ...env, TABLE_INDEXES: parsedJson(env.TABLE_INDEXES) };
    throw new ConfigError('ENV_INVALID', formatIssues('environment', result.error, shown));
  }
  const e = result.data;
  const common = {
    tableName: e.TABLE_NAME,
    targetRegion: e.TARGET_REGION,
    partitionKey: { name: e.PARTITION_KEY_NAME, type: e.PARTITION_KEY_TYPE },
    ...(e.SORT_KEY_NAME && e.SORT_KEY_TYPE ? { sortKey: { name: e.SORT_KEY_NAME, type: e.SORT_KEY_TYPE } } : {}),
    indexes: e.TABLE_INDEXES ?? [],
    functionName: e.AWS_LAMBDA_FUNCTION_NAME,
  };
  // The schema has checked that the variables of the mode are set.
  if (e.ACCESS_MODE === 'resource-policy') {
    const tableArn = e.TABLE_ARN as string;
    return { ...common, accessMode: 'resource-policy', tableArn, tableRef: tableArn };
  }
  return {
    ...common,
    accessMode: 'assume-role',
    tableRef: e.TABLE_NAME,
    targetRoleArn: e.TARGET_ROLE_ARN as string,
    externalId: e.EXTERNAL_ID as string,
    sourceIdentity: e.SOURCE_IDENTITY as string,
    sessionDurationSeconds: e.SESSION_DURATION_SECONDS as number,
  };
}
