import { ConfigError } from './errors';
import { partitionOfRegion } from './partition-of-region';
import type { Stage } from './stage-schema';

/** The role in the target account that the reader assumes; only stages that grant assume-role have one. */
export function accessRoleArn(stage: Stage): string {
  if (stage.roles.accessRoleName === undefined) {
    throw new ConfigError(
      'STAGE_INVALID',
      `stage ${stage.name}: roles.accessRoleName is not set; only stages that grant access mode "assume-role" have an access role`,
    );
  }
  return `arn:${partitionOfRegion(stage.target.region)}:iam::${stage.target.accountId}:role/${stage.roles.accessRoleName}`;
}
