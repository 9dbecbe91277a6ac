import type { Stage } from './stage-schema';

/**
 * `xacct-<stage>-target` / `xacct-<stage>-source`: one stack per side and stage, so stages can share an account.
 * The CDK apps name their stacks with it and the deploy runner checks the synthesized assembly against it.
 */
export function stackName(stage: Stage, side: 'target' | 'source'): string {
  return `xacct-${stage.name}-${side}`;
}
