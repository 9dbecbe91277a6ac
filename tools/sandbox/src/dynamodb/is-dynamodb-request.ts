import type { SandboxRequest } from '../server/sandbox-request';

const TARGET_PREFIX = 'DynamoDB_20120810.';

/** Requests for the DynamoDB JSON protocol. */
export function isDynamoDbRequest(request: SandboxRequest): boolean {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX);
}
