/** Why an infra command (deploy, diff, destroy) could not run. */
export type InfraErrorCode = 'USAGE' | 'ASSEMBLY_MISSING' | 'STACK_NOT_IN_ASSEMBLY' | 'SANDBOX_MISSING';

export class InfraError extends Error {
  override readonly name = 'InfraError';
  readonly code: InfraErrorCode;

  constructor(code: InfraErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
