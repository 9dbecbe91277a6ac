import { App } from 'aws-cdk-lib';
import { assertNoStageConflicts, ConfigError, loadStage } from '@xacct/config';
import { buildTargetApp } from './build-target-app';
import { stageNameFromContext } from '@xacct/infra-common';

// CDK app entry: `cdk synth --app "tsx apps/target-infra/src/main.ts" -c stage=<name>` (default stage: local).
const app = new App();
try {
  const stage = loadStage(stageNameFromContext(app));
  assertNoStageConflicts(stage);
  buildTargetApp(app, stage);
  app.synth();
} catch (error) {
  // A bad stage is the caller's mistake: print what to fix, not a stack trace.
  if (error instanceof ConfigError) {
    console.error(`target-infra: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
