/** Why source-infra could not synthesize. */
export type SourceInfraErrorCode = 'READER_BUNDLE_MISSING' | 'TIMEOUT_TOO_LONG';

export class SourceInfraError extends Error {
  override readonly name = 'SourceInfraError';
  readonly code: SourceInfraErrorCode;

  constructor(code: SourceInfraErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
