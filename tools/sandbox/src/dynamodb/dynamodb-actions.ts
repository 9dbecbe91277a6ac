/** DynamoDB actions by how the sandbox's front maps them to IAM resources. */

// Actions on one table named by `TableName`.
export const TABLE_ACTIONS: ReadonlySet<string> = new Set([
  'GetItem',
  'PutItem',
  'DeleteItem',
  'UpdateItem',
  'Query',
  'Scan',
  'DescribeTable',
  'CreateTable',
  'DeleteTable',
  'UpdateTable',
  'DescribeTimeToLive',
]);
export const TAG_ACTIONS: ReadonlySet<string> = new Set(['TagResource', 'UntagResource', 'ListTagsOfResource']);
export const BATCH_ACTIONS: ReadonlySet<string> = new Set(['BatchGetItem', 'BatchWriteItem']);
// Real DynamoDB actions dynalite does not implement: answered clearly instead of "unknown".
export const NOT_EMULATED: ReadonlySet<string> = new Set([
  'TransactGetItems',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
  'UpdateTimeToLive',
  'UpdateContinuousBackups',
  'CreateBackup',
  'DescribeEndpoints',
  'DescribeLimits',
  'CreateGlobalTable',
  'DescribeGlobalTable',
  'ExportTableToPointInTime',
  'GetResourcePolicy',
  'PutResourcePolicy',
  'DescribeKinesisStreamingDestination',
]);

/** Every DynamoDB action the front knows by name (counted by name; fault definitions may name them). */
export const DYNAMODB_ACTIONS: ReadonlySet<string> = new Set([
  'ListTables',
  'DescribeContinuousBackups',
  ...TABLE_ACTIONS,
  ...TAG_ACTIONS,
  ...BATCH_ACTIONS,
  ...NOT_EMULATED,
]);
