// What operator tools (doctor) reuse from the infra runner: the preflight checks `nx deploy` runs for stages of kind
// `aws`, and the assembly lookups.
export { InfraError, type InfraErrorCode } from './errors';
export { checkProfileAccount, type CallerIdentity, type CheckProfileAccountInput } from './check-profile-account';
export {
  apiGatewayLoggingRoleSetup,
  checkApiGatewayLoggingRole,
  type CheckApiGatewayLoggingRoleInput,
} from './check-api-gateway-logging-role';
export { findStackInAssembly, type AssemblyStack } from './find-stack-in-assembly';
export { findWorkspaceRoot } from './find-workspace-root';
