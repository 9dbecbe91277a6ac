import { partitionOfRegion } from './partition-of-region';
import type { Stage } from './stage-schema';

/** The target table. */
export function tableArn(stage: Stage): string {
  return `arn:${partitionOfRegion(stage.target.region)}:dynamodb:${stage.target.region}:${stage.target.accountId}:table/${stage.table.name}`;
}
