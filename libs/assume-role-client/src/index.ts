export { AssumeRoleDeniedError, AssumeRoleUnavailableError, type AssumeRoleErrorCode } from './errors';
export {
  createAssumeRoleCredentials,
  type AssumeRoleCredentialProvider,
  type AssumeRoleCredentialsOptions,
  type AssumeRoleStats,
  type CredentialUsage,
  type TrackedWork,
} from './create-assume-role-credentials';
export { createTargetDocumentClient, type TargetDocumentClientOptions } from './create-target-document-client';
export { sessionNameFor } from './session-name-for';
export { isExpiredCredentialsError } from './is-expired-credentials-error';
