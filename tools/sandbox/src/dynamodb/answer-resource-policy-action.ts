import { AwsServiceError, TemplateError } from '../errors';
import type { SandboxContext } from '../sandbox-context';
import type { TableRef } from './resolve-table-ref';
import { validateTablePolicy } from './table-settings-of';

/** The resource-policy actions of DynamoDB's control plane (same account only, like DescribeTable). */
/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on a table (the caller is already authorized):
 * the policy is validated (syntax, 20 KB) and takes effect on the next request, with a new RevisionId each time.
 */
export async function answerResourcePolicyAction(
  sandbox: SandboxContext,
  action: string,
  table: TableRef,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const exists = await sandbox.dynamodb.hashKeyOf(
    sandbox.dynamodb.physicalName(table.accountId, table.region, table.name),
  );
  if (exists === undefined) {
    throw new AwsServiceError('ResourceNotFoundException', `Requested resource not found: ${table.arn}`, 400);
  }
  const current = sandbox.tables.get(table.arn);
  const expected = typeof body.ExpectedRevisionId === 'string' ? body.ExpectedRevisionId : undefined;
  const noPolicy = () =>
    new AwsServiceError(
      'PolicyNotFoundException',
      `Resource-based policy not found for the provided ResourceArn${expected === undefined ? '' : ` and ExpectedRevisionId ${expected}`}: ${table.arn}`,
      400,
    );
  if (expected !== undefined && current?.policyRevision !== expected) throw noPolicy();
  if (action === 'GetResourcePolicy') {
    if (current?.resourcePolicy === undefined) throw noPolicy();
    return { Policy: JSON.stringify(current.resourcePolicy), RevisionId: current.policyRevision };
  }
  if (action === 'DeleteResourcePolicy') {
    if (current?.resourcePolicy === undefined) throw noPolicy();
    return { RevisionId: sandbox.tables.putPolicy(table.arn, undefined) };
  }
  if (typeof body.Policy !== 'string') {
    throw new AwsServiceError(
      'ValidationException',
      "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null",
      400,
    );
  }
  let policy: Awaited<ReturnType<typeof validateTablePolicy>>;
  try {
    policy = await validateTablePolicy(body.Policy, 'Policy');
  } catch (error) {
    // A policy that is not JSON, breaks the grammar or exceeds 20 KB is the caller's to fix.
    const message = error instanceof TemplateError ? error.message : 'Policy: not valid JSON';
    throw new AwsServiceError('ValidationException', message, 400, { cause: error });
  }
  return { RevisionId: sandbox.tables.putPolicy(table.arn, policy) };
}
