/** Every failure the bench reports on purpose; `code` says which kind, `cause` keeps the original. */
export type BenchErrorCode =
  | 'InvalidArgument'
  | 'EmptySample'
  | 'MissingArtifact'
  | 'SandboxUnavailable'
  | 'UnexpectedResponse'
  | 'WorkerFailed';

export class BenchError extends Error {
  override readonly name = 'BenchError';

  constructor(
    readonly code: BenchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
