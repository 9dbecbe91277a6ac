const MAX_LENGTH = 64;
const MIN_LENGTH = 2;

/**
 * An STS RoleSessionName for a Lambda function: characters outside STS's alphabet `[\w+=,.@-]` become `-`,
 * the result is cut to 64 characters and padded to the 2-character minimum. Request-independent on purpose:
 * one session per container, visible in the target account's CloudTrail as `assumed-role/<role>/<session>`.
 */
export function sessionNameFor(functionName: string): string {
  const cleaned = functionName.replace(/[^\w+=,.@-]/g, '-').slice(0, MAX_LENGTH);
  return cleaned.length >= MIN_LENGTH ? cleaned : `${cleaned}-session`.slice(0, MAX_LENGTH);
}
