import type { App } from 'aws-cdk-lib';

/** The stage comes from `-c stage=<name>` (Nx passes `--stage`); `local` (the offline sandbox) when absent. */
export function stageNameFromContext(app: App): string {
  const value: unknown = app.node.tryGetContext('stage');
  return typeof value === 'string' && value.length > 0 ? value : 'local';
}
