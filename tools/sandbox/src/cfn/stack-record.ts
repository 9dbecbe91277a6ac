import type { DeployedResource } from './resource-handler';

/** A deployed stack as the sandbox keeps (and persists) it. */
export interface StackRecord {
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  /** In creation order; deletion runs in reverse. */
  readonly resources: DeployedResource[];
  readonly outputs: Record<string, string>;
  readonly assemblyDir?: string;
  readonly updatedAt: string;
}
