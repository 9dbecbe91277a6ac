export { addNagChecks } from './add-nag-checks';
export { stageNameFromContext } from './stage-name-from-context';
export { nagFindings, acknowledgements, type Acknowledgement } from './nag-findings';
export { runCdkApp, type RunCdkAppOptions } from './run-cdk-app';
export { apiMethodsOf, type TemplateApiMethod } from './api-methods-of';
export { synthStage, type SynthesizedStack } from './synth-stage';
