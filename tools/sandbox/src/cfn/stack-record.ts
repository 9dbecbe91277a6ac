import type { DeployedResource } from './resource-handler';

/**
 * What CloudFormation reports for a stack the sandbox keeps. A failed deploy is not rolled back (what was applied
 * stays, as with `--no-rollback`), so it ends in CREATE_FAILED or UPDATE_FAILED.
 */
export type StackStatus = 'CREATE_COMPLETE' | 'UPDATE_COMPLETE' | 'CREATE_FAILED' | 'UPDATE_FAILED';

/** A deployed stack as the sandbox keeps (and persists) it. */
export interface StackRecord {
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  /** In creation order; deletion runs in reverse. */
  readonly resources: DeployedResource[];
  readonly outputs: Record<string, string>;
  /** Output descriptions from the template, by output name. */
  readonly outputDescriptions?: Record<string, string>;
  /** The template's Description. */
  readonly description?: string;
  readonly assemblyDir?: string;
  readonly updatedAt: string;
  /** Absent in state files written before it existed: then the stack was deployed successfully. */
  readonly status?: StackStatus;
  /** Why the last deploy failed (with a *_FAILED status). */
  readonly statusReason?: string;
  /** When the stack was first deployed (absent in older state files: `updatedAt` stands in). */
  readonly createdAt?: string;
}

/** The stack's ARN, as `AWS::StackId` resolves and DescribeStacks reports it. */
export function stackArn(stack: { stackName: string; accountId: string; region: string }): string {
  return `arn:aws:cloudformation:${stack.region}:${stack.accountId}:stack/${stack.stackName}/sandbox`;
}
