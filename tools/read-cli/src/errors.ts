/** What went wrong in `npm run read`: USAGE exits 2, the others 1. */
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
