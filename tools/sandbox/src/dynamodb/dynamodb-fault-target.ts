import type { FaultTargetOf } from '../faults/with-faults';
import { callerAccountOf } from '../sigv4/caller-account-of';
import type { AccessKeyResolver } from '../sigv4/verify-sigv4';
import { TARGET_PREFIX } from './is-dynamodb-request';

const TABLE_ARN_ACCOUNT = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:(\d{12}):table\//;

/** A DynamoDB request's action, and the account owning the table (from a table ARN, else the caller's). */
export function dynamodbFaultTarget(keys: AccessKeyResolver): FaultTargetOf {
  return (request) => ({
    action: String(request.headers['x-amz-target']).slice(TARGET_PREFIX.length),
    account: () => {
      const table = firstTableOf(request.body);
      return (table === undefined ? undefined : TABLE_ARN_ACCOUNT.exec(table)?.[1]) ?? callerAccountOf(request, keys);
    },
  });
}

function firstTableOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const name = parsed.TableName ?? parsed.ResourceArn ?? Object.keys((parsed.RequestItems as object | null) ?? {})[0];
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
