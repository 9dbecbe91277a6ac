import { errorField } from '../handler/error-field';
import { InvalidRequestError } from '../errors';

/**
 * Backstop for caller input our own checks let through but DynamoDB refuses: its `ValidationException` becomes a
 * 400 naming `parameter` (DynamoDB's text stays in `cause`, logged, not returned). A key that does not match the
 * table's schema is our configuration (PARTITION_KEY_* / SORT_KEY_*), not the caller's mistake, so it stays a 500;
 * so is an index the table lacks (TABLE_INDEXES; toReaderError maps it).
 * Returns undefined when the error is not such a rejection.
 */
export function rejectedByDynamodb(error: unknown, parameter: string): InvalidRequestError | undefined {
  if (errorField(error, 'name') !== 'ValidationException') return undefined;
  if (/does not match the schema|does not have the specified index/i.test(errorField(error, 'message') ?? '')) {
    return undefined;
  }
  return new InvalidRequestError(parameter, 'was rejected by DynamoDB as an invalid key value', { cause: error });
}
