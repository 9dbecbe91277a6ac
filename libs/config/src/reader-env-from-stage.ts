import { accessRoleArn } from './access-role-arn';
import { sourceIdentity } from './source-identity';
import type { Stage } from './stage-schema';
import { tableArn } from './table-arn';

/** The reader Lambda's environment variables for a stage; source-infra sets exactly these. */
export function readerEnvFromStage(stage: Stage): Record<string, string> {
  const common = {
    ACCESS_MODE: stage.access.mode,
    TABLE_NAME: stage.table.name,
    TARGET_REGION: stage.target.region,
    PARTITION_KEY_NAME: stage.table.partitionKey.name,
    PARTITION_KEY_TYPE: stage.table.partitionKey.type,
    ...(stage.table.sortKey
      ? { SORT_KEY_NAME: stage.table.sortKey.name, SORT_KEY_TYPE: stage.table.sortKey.type }
      : {}),
    // Keys only: the reader needs no projection. Absent when there are none, so such stages' env stays as it was.
    ...(stage.table.indexes.length > 0
      ? {
          TABLE_INDEXES: JSON.stringify(
            stage.table.indexes.map(({ name, partitionKey, sortKey }) => ({
              name,
              partitionKey,
              ...(sortKey ? { sortKey } : {}),
            })),
          ),
        }
      : {}),
  };
  if (stage.access.mode === 'resource-policy') return { ...common, TABLE_ARN: tableArn(stage) };
  return {
    ...common,
    TARGET_ROLE_ARN: accessRoleArn(stage),
    // The schema requires it whenever assume-role is granted, and the mode is always granted.
    EXTERNAL_ID: stage.externalId ?? '',
    SOURCE_IDENTITY: sourceIdentity(stage),
    SESSION_DURATION_SECONDS: String(stage.sessionDurationSeconds),
  };
}
