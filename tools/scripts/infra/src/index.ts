// The preflight checks `nx deploy` runs for stages of kind `aws`, for operator tools to reuse.
export { InfraError, type InfraErrorCode } from './errors';
export { checkProfileAccount, type CallerIdentity, type CheckProfileAccountInput } from './check-profile-account';
export {
  apiGatewayLoggingRoleSetup,
  checkApiGatewayLoggingRole,
  type CheckApiGatewayLoggingRoleInput,
} from './check-api-gateway-logging-role';
