/** DynamoDB actions by how the sandbox's front maps them to IAM resources. */

// Item actions on one table named by `TableName`.
const TABLE_ITEM_ACTIONS = ['GetItem', 'PutItem', 'DeleteItem', 'UpdateItem', 'Query', 'Scan'];
// Actions on one table named by `TableName`.
export const TABLE_ACTIONS: ReadonlySet<string> = new Set([
  ...TABLE_ITEM_ACTIONS,
  'DescribeTable',
  'CreateTable',
  'DeleteTable',
  'UpdateTable',
  'DescribeTimeToLive',
]);
export const TAG_ACTIONS: ReadonlySet<string> = new Set(['TagResource', 'UntagResource', 'ListTagsOfResource']);
export const BATCH_ACTIONS: ReadonlySet<string> = new Set(['BatchGetItem', 'BatchWriteItem']);
// The data plane: the only actions a table's resource policy can grant to another account, and the ones that need
// the table's KMS key.
export const ITEM_ACTIONS: ReadonlySet<string> = new Set([...TABLE_ITEM_ACTIONS, ...BATCH_ACTIONS]);
// A table's resource-based policy, named by `ResourceArn`.
export const RESOURCE_POLICY_ACTIONS: ReadonlySet<string> = new Set([
  'PutResourcePolicy',
  'GetResourcePolicy',
  'DeleteResourcePolicy',
]);
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
  'DescribeKinesisStreamingDestination',
]);

/** Every DynamoDB action the front knows by name (counted by name; fault definitions may name them). */
export const DYNAMODB_ACTIONS: ReadonlySet<string> = new Set([
  'ListTables',
  'DescribeContinuousBackups',
  ...TABLE_ACTIONS,
  ...TAG_ACTIONS,
  ...BATCH_ACTIONS,
  ...RESOURCE_POLICY_ACTIONS,
  ...NOT_EMULATED,
]);
