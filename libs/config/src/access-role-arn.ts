import { partitionOfRegion } from './partition-of-region';
import type { Stage } from './stage-schema';

/** The role in the target account that the reader assumes. */
export function accessRoleArn(stage: Stage): string {
  return `arn:${partitionOfRegion(stage.target.region)}:iam::${stage.target.accountId}:role/${stage.roles.accessRoleName}`;
}
