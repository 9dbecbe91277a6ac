import type { SandboxContext } from '../sandbox-context';

/**
 * After a restart from --data-dir: lets each resource handler re-create its runtime state (IAM and tables are
 * restored by their stores; Lambda workers and API routes need this). A failure is logged, not fatal.
 */
export async function restoreStacks(sandbox: SandboxContext): Promise<void> {
  for (const stack of sandbox.stacks.list()) {
    for (const resource of stack.resources) {
      const handler = sandbox.resourceHandlers.get(resource.type);
      if (handler?.restore === undefined) continue;
      try {
        await handler.restore(resource, {
          sandbox,
          stackName: stack.stackName,
          logicalId: resource.logicalId,
          accountId: stack.accountId,
          region: stack.region,
          ...(stack.assemblyDir === undefined ? {} : { assemblyDir: stack.assemblyDir }),
          note: (message) => sandbox.log(`[sandbox] restore ${stack.stackName}/${resource.logicalId}: ${message}`),
        });
      } catch (error) {
        sandbox.log(
          `[sandbox] restore ${stack.stackName}/${resource.logicalId} failed: ${error instanceof Error ? error.message : String(error)} (redeploy the stack)`,
        );
      }
    }
  }
}
