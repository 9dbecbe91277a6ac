export { ConfigError, type ConfigErrorCode } from './errors';
export {
  stageSchema,
  ACCESS_MODES,
  REQUIRE_APPROVAL,
  TABLE_ENCRYPTIONS,
  type AccessMode,
  type RequireApproval,
  type TableEncryption,
  type Stage,
  type StageIndex,
  type StageInput,
} from './stage-schema';
export { grantsAccess } from './grants-access';
export { parseStage } from './parse-stage';
export { loadStage, type LoadStageOptions } from './load-stage';
export { assertNoStageConflicts } from './assert-no-stage-conflicts';
export { partitionOfRegion, type AwsPartition } from './partition-of-region';
export { accessRoleArn } from './access-role-arn';
export { readerRoleArn } from './reader-role-arn';
export { tableArn } from './table-arn';
export { tableIndexArnPattern } from './table-index-arn-pattern';
export { sourceIdentity } from './source-identity';
export { stackName } from './stack-name';
export type { KeyType } from './key-type';
export type { KeyAttribute, ReaderIndex, ReaderEnv, AssumeRoleReaderEnv, ResourcePolicyReaderEnv } from './reader-env';
export { readerEnvSchema } from './reader-env-schema';
export { parseReaderEnv } from './parse-reader-env';
export { readerEnvFromStage } from './reader-env-from-stage';
export { READ_ACTIONS, INDEX_READ_ACTIONS } from './table-read-actions';
export {
  READ_API_ROUTES,
  READ_API_ERROR_CODES,
  type ReadApiRoute,
  type ReadApiRouteId,
  type ReadApiParameter,
  type ReadApiParameterType,
  type ReadApiOperation,
  type ReadApiErrorCode,
} from './read-api-routes';
