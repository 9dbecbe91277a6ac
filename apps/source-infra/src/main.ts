import { App } from 'aws-cdk-lib';
import { assertNoStageConflicts, ConfigError, loadStage } from '@xacct/config';
import { buildSourceApp } from './build-source-app';
import { SourceInfraError } from './errors';
import { stageNameFromContext } from '@xacct/infra-common';

// CDK app entry: `cdk synth --app "tsx apps/source-infra/src/main.ts" -c stage=<name>` (default stage: local).
const app = new App();
try {
  const stage = loadStage(stageNameFromContext(app));
  assertNoStageConflicts(stage);
  buildSourceApp(app, stage);
  app.synth();
} catch (error) {
  // A bad stage or a missing bundle is the caller's to fix: print what to do, not a stack trace.
  if (error instanceof ConfigError || error instanceof SourceInfraError) {
    console.error(`source-infra: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
