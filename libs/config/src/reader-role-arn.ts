import { partitionOfRegion } from './partition-of-region';
import type { Stage } from './stage-schema';

/** The reader Lambda's execution role in the source account; the access role's trust is conditioned on it. */
export function readerRoleArn(stage: Stage): string {
  return `arn:${partitionOfRegion(stage.source.region)}:iam::${stage.source.accountId}:role/${stage.roles.readerRoleName}`;
}
