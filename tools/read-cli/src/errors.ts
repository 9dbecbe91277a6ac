/** What went wrong in `npm run read`: USAGE and RESUME (the caller's wrong file or path) exit 2, the others 1. */
export type ReadCliErrorCode = 'USAGE' | 'NO_API' | 'RESUME' | 'NOT_FOUND';

export class ReadCliError extends Error {
  override readonly name = 'ReadCliError';

  constructor(
    readonly code: ReadCliErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
