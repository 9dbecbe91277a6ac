import { Tags, type App } from 'aws-cdk-lib';
import type { Stage } from '@xacct/config';
import { addNagChecks } from '@xacct/infra-common';
import { TargetStack } from './stacks/target-stack';

/** Adds the target stack for `stage` to `app`, with cdk-nag and tags. main.ts and the tests share it. */
export function buildTargetApp(app: App, stage: Stage): TargetStack {
  const stack = new TargetStack(app, 'Target', { stage });
  Tags.of(stack).add('xacct:stage', stage.name);
  Tags.of(stack).add('xacct:side', 'target');
  addNagChecks(app);
  return stack;
}
