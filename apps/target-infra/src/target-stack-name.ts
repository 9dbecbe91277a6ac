import type { Stage } from '@xacct/config';

/** `xacct-<stage>-target`: one target stack per stage, so stages can share an account. */
export function targetStackName(stage: Stage): string {
  return `xacct-${stage.name}-target`;
}
