/** Why a stage file or the Lambda environment could not be used. */
export type ConfigErrorCode =
  | 'STAGE_NOT_FOUND'
  | 'STAGE_UNREADABLE'
  | 'STAGE_INVALID'
  | 'STAGE_CONFLICT'
  | 'ENV_INVALID';

/**
 * Raised at the edge (synth start, Lambda cold start) when configuration is unusable.
 * The message names the source (file or "environment") and every bad field with how to fix it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
