import type { Stage } from '@xacct/config';

/** `xacct-<stage>-source`: one source stack per stage, so stages can share an account. */
export function sourceStackName(stage: Stage): string {
  return `xacct-${stage.name}-source`;
}
