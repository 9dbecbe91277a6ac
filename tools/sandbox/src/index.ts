export { startSandbox, type Sandbox, type StartSandboxOptions } from './start-sandbox';
export type { SandboxContext, SandboxPlugin } from './sandbox-context';
export { sandboxPlugins } from './sandbox-plugins';
export { SandboxServer } from './server/sandbox-server';
export type { SandboxRequest, SandboxRouteHandler, SandboxRouteMatcher } from './server/sandbox-request';
export { sendJson } from './server/send-json';
export {
  verifySigV4,
  type AccessKeyResolver,
  type VerifiedRequest,
  type VerifySigV4Options,
} from './sigv4/verify-sigv4';
export type { SignedRequest } from './sigv4/signed-request';
export { IamStore, type AdminCredentials, type RoleInput } from './iam/iam-store';
export type { CallerIdentity } from './iam/caller-identity';
export type { AccessKeyRecord, IamRole, IamUser, TemporaryCredentials } from './iam/iam-model';
export type { NamedPolicy, PolicyDocument } from './iam/policy-document';
export {
  isAllowed,
  type Decision,
  type DenialReason,
  type EvaluatedPrincipal,
  type IsAllowedInput,
} from './iam/is-allowed';
export { assumeRole, type AssumeRoleParams } from './sts/assume-role';
export { assumeRoleAsService } from './sts/assume-role-as-service';
export { Counters, type CounterSnapshot } from './counters';
export { deployTemplate, type DeployTemplateInput } from './cfn/deploy-template';
export { destroyStack, type DestroyStackInput } from './cfn/destroy-stack';
export type { DeployResult, DestroyResult } from './cfn/deploy-result';
export type { DeployedResource, ResourceContext, ResourceHandler, ResourceState } from './cfn/resource-handler';
export { ResourceHandlerRegistry } from './cfn/resource-handler-registry';
export type { StackRecord } from './cfn/stack-record';
export { resolveIntrinsics } from './cfn/resolve-intrinsics';
export { DynamoBackend } from './dynamodb/dynamo-backend';
export { ADMIN_HEADER } from './admin/admin-header';
export { seedItems, type SeedItemsInput } from './cli/seed-items';
export { writeItems, type WriteItemsInput } from './cli/write-items';
export { AdminClient } from './cli/admin-client';
export * from './errors';
// The workspace's one SigV4 request helper lives in @xacct/reader-client; re-exported for the tools that hold the sandbox.
export {
  signedFetch,
  type FetchedResponse,
  type SignedFetchOptions,
  type SigningCredentials,
} from '@xacct/reader-client';
export { buildProxyEvent, type ProxyEventInput } from './api-gateway/build-proxy-event';
export { lambdaApiServices, type LambdaApiServices } from './lambda-api/lambda-api-services';
export { deployedApiUrl } from './api-gateway/deployed-api-url';
export type { ActiveFault, FaultDefinition, FaultKind, FaultService } from './faults/fault-definition';
export type { SandboxFaults } from './faults/fault-injector';
export type { LatencyMode } from './faults/latency-model';
export { FAULT_HEADER } from './faults/with-faults';
// E2E support for tools that test against a deployed pair (doctor): the real synthesized templates on a free port.
export { ReaderStack } from './e2e/reader-stack';
export { localAssemblies, type AssemblyStack } from './e2e/local-assemblies';
