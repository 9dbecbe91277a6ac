import type { Stage } from '@xacct/config';
import type { InfraApp } from './infra-app';

/**
 * `xacct-<stage>-target` / `xacct-<stage>-source`, the names the CDK apps give their stacks. The runner
 * cannot import the apps (tools depend on libs only), so it checks the name against the synthesized assembly.
 */
export function stackName(stage: Stage, app: InfraApp): string {
  return `xacct-${stage.name}-${app === 'target-infra' ? 'target' : 'source'}`;
}
