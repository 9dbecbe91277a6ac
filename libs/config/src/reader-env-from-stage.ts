import { accessRoleArn } from './access-role-arn';
import { sourceIdentity } from './source-identity';
import type { Stage } from './stage-schema';

/** The reader Lambda's environment variables for a stage; source-infra sets exactly these. */
export function readerEnvFromStage(stage: Stage): Record<string, string> {
  return {
    TARGET_ROLE_ARN: accessRoleArn(stage),
    EXTERNAL_ID: stage.externalId,
    SOURCE_IDENTITY: sourceIdentity(stage),
    TABLE_NAME: stage.table.name,
    TARGET_REGION: stage.target.region,
    PARTITION_KEY_NAME: stage.table.partitionKey.name,
    PARTITION_KEY_TYPE: stage.table.partitionKey.type,
    ...(stage.table.sortKey
      ? { SORT_KEY_NAME: stage.table.sortKey.name, SORT_KEY_TYPE: stage.table.sortKey.type }
      : {}),
    SESSION_DURATION_SECONDS: String(stage.sessionDurationSeconds),
  };
}
