import { StackError } from '../errors';
import type { SandboxContext } from '../sandbox-context';
import type { DestroyResult } from './deploy-result';
import { runExclusive } from './run-exclusive';

export interface DestroyStackInput {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
}

/**
 * Deletes a stack's resources in reverse creation order, keeping those with DeletionPolicy Retain (the table and
 * its items stay in DynamoDB, as in AWS). A stack that is not deployed is a no-op success (status NOT_DEPLOYED),
 * as `cdk destroy` of a missing stack, so a teardown can be re-run after a partial one.
 * @throws StackError when a deletion fails (the rest stays recorded).
 */
export function destroyStack(sandbox: SandboxContext, input: DestroyStackInput): Promise<DestroyResult> {
  return runExclusive(async () => {
    const stack = sandbox.stacks.get(input.account, input.region, input.stackName);
    if (stack === undefined) {
      const known = sandbox.stacks.list().map((s) => `${s.stackName} (${s.accountId}, ${s.region})`);
      return {
        stackName: input.stackName,
        accountId: input.account,
        region: input.region,
        status: 'NOT_DEPLOYED',
        deleted: [],
        retained: [],
        notes: [
          `${input.stackName}: not deployed, nothing to destroy (account ${input.account}, region ${input.region}; deployed stacks: ${known.join(', ') || 'none'}).`,
        ],
      };
    }
    const deleted: Array<DestroyResult['deleted'][number]> = [];
    const retained: Array<DestroyResult['retained'][number]> = [];
    const remaining = [...stack.resources];
    while (remaining.length > 0) {
      const resource = remaining[remaining.length - 1];
      if (resource === undefined) break;
      const summary = { logicalId: resource.logicalId, type: resource.type, physicalId: resource.physicalId };
      if (resource.deletionPolicy === 'Retain' || resource.deletionPolicy === 'RetainExceptOnCreate') {
        retained.push(summary);
      } else {
        const handler = sandbox.resourceHandlers.get(resource.type);
        try {
          await handler?.delete(resource, {
            sandbox,
            stackName: stack.stackName,
            logicalId: resource.logicalId,
            accountId: stack.accountId,
            region: stack.region,
            ...(stack.assemblyDir === undefined ? {} : { assemblyDir: stack.assemblyDir }),
            note: (message) => sandbox.log(`[sandbox] ${stack.stackName}/${resource.logicalId}: ${message}`),
          });
        } catch (error) {
          sandbox.stacks.put({ ...stack, resources: remaining, updatedAt: new Date().toISOString() });
          throw new StackError(
            `Stack ${stack.stackName}: deleting ${resource.logicalId} (${resource.type}) failed: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
        deleted.push(summary);
      }
      remaining.pop();
    }
    sandbox.stacks.delete(stack.accountId, stack.region, stack.stackName);
    return {
      stackName: stack.stackName,
      accountId: stack.accountId,
      region: stack.region,
      status: 'DELETE_COMPLETE',
      deleted,
      retained,
      notes: [],
    };
  });
}
