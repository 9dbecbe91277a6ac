import { tableArn } from './table-arn';
import type { Stage } from './stage-schema';

/** Every index of the target table (`table/<name>/index/*`), for read policies that allow Query on GSIs/LSIs. */
export function tableIndexArnPattern(stage: Stage): string {
  return `${tableArn(stage)}/index/*`;
}
