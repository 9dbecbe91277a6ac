import { Tags, type App } from 'aws-cdk-lib';
import type { Stage } from '@xacct/config';
import { addNagChecks } from '@xacct/infra-common';
import { SourceStack } from './stacks/source-stack';

export interface BuildSourceAppOptions {
  /**
   * @default dist/apps/reader
   */
  readonly readerBundleDir?: string;
}

/** Adds the source stack for `stage` to `app`, with cdk-nag and tags. main.ts and the tests share it. */
export function buildSourceApp(app: App, stage: Stage, options: BuildSourceAppOptions = {}): SourceStack {
  const stack = new SourceStack(app, 'Source', {
    stage,
    ...(options.readerBundleDir ? { readerBundleDir: options.readerBundleDir } : {}),
  });
  Tags.of(stack).add('xacct:stage', stage.name);
  Tags.of(stack).add('xacct:side', 'source');
  addNagChecks(app);
  return stack;
}
