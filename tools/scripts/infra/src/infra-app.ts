/** The two CDK apps this runner deploys, and which side of a stage each lives on. */
export type InfraApp = 'target-infra' | 'source-infra';
export type InfraAction = 'deploy' | 'diff' | 'destroy';

export const INFRA_APPS: readonly InfraApp[] = ['target-infra', 'source-infra'];
export const INFRA_ACTIONS: readonly InfraAction[] = ['deploy', 'diff', 'destroy'];
