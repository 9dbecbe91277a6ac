import type { SandboxRequest } from '../server/sandbox-request';

/** The X-Amz-Target prefix of the DynamoDB JSON protocol (API version 2012-08-10). */
export const TARGET_PREFIX = 'DynamoDB_20120810.';

/** Requests for the DynamoDB JSON protocol. */
export function isDynamoDbRequest(request: SandboxRequest): boolean {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX);
}
