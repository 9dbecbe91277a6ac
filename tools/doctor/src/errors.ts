/** Why doctor could not run at all (a failed check is a result, not an error). */
export type DoctorErrorCode = 'USAGE';

export class DoctorError extends Error {
  override readonly name = 'DoctorError';
  readonly code: DoctorErrorCode;

  constructor(code: DoctorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
