/** Why an infra command (deploy, diff, destroy) or one of its preflight checks could not run. */
export type InfraErrorCode =
  | 'USAGE'
  | 'ASSEMBLY_MISSING'
  | 'STACK_NOT_IN_ASSEMBLY'
  | 'SANDBOX_MISSING'
  | 'PROFILE_UNUSABLE'
  | 'PROFILE_WRONG_ACCOUNT'
  | 'APIGATEWAY_LOGGING_ROLE_MISSING'
  | 'PREFLIGHT_FAILED';

export class InfraError extends Error {
  override readonly name = 'InfraError';
  readonly code: InfraErrorCode;

  constructor(code: InfraErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
