import { AwsServiceError } from '../errors';

/** A table in one account and region. */
export interface TableRef {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  /** `arn:aws:dynamodb:<region>:<account>:table/<name>`. */
  readonly arn: string;
}

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})$/;

/**
 * A `TableName` (a name, or a table ARN as DynamoDB also accepts) resolved to the table it means: a plain name
 * is a table of the caller's account in the signed region.
 * @throws AwsServiceError ValidationException for anything else.
 */
export function resolveTableRef(value: unknown, callerAccount: string, region: string, field = 'tableName'): TableRef {
  if (typeof value !== 'string') {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
      400,
    );
  }
  const arn = TABLE_ARN.exec(value);
  if (arn !== null) {
    const [, arnRegion = '', accountId = '', name = ''] = arn;
    return { accountId, region: arnRegion, name, arn: value };
  }
  if (!TABLE_NAME.test(value)) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 3 and 255, or be a table ARN`,
      400,
    );
  }
  return {
    accountId: callerAccount,
    region,
    name: value,
    arn: `arn:aws:dynamodb:${region}:${callerAccount}:table/${value}`,
  };
}
