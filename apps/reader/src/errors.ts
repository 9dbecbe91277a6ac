/** The `code` of every error response (DESIGN.md, "The Lambda's HTTP contract"). */
export type ReaderErrorCode =
  | 'InvalidRequest'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'TargetAccessDenied'
  | 'TargetTableNotFound'
  | 'TargetThrottled'
  | 'TargetUnavailable'
  | 'InternalError';

/**
 * An error with its HTTP status. `message` is shown to the caller as-is, so it must never contain stack traces,
 * credentials, ARNs of credentials or item contents; details for operators stay in `cause` (logged, not returned).
 */
export abstract class ReaderError extends Error {
  abstract readonly code: ReaderErrorCode;
  abstract readonly status: number;
  /** Extra response headers (Allow, Retry-After). */
  readonly headers: Readonly<Record<string, string>> = {};
}

/** The caller's request is malformed; `parameter` names the part to fix. */
export class InvalidRequestError extends ReaderError {
  override readonly name = 'InvalidRequestError';
  readonly code = 'InvalidRequest' as const;
  readonly status = 400;
  readonly parameter: string;

  constructor(parameter: string, problem: string, options?: { cause: unknown }) {
    super(`${parameter}: ${problem}`, options);
    this.parameter = parameter;
  }
}

export class NotFoundError extends ReaderError {
  override readonly name = 'NotFoundError';
  readonly code = 'NotFound' as const;
  readonly status = 404;
}

export class MethodNotAllowedError extends ReaderError {
  override readonly name = 'MethodNotAllowedError';
  readonly code = 'MethodNotAllowed' as const;
  readonly status = 405;
  override readonly headers: Readonly<Record<string, string>>;

  constructor(method: string, path: string, allow: readonly string[]) {
    super(`${method} is not allowed on ${path}; allowed: ${allow.join(', ')}`);
    this.headers = { allow: allow.join(', ') };
  }
}

/** The target account refused us (AssumeRole denied, or the access role may not read the table). */
export class TargetAccessDeniedError extends ReaderError {
  override readonly name = 'TargetAccessDeniedError';
  readonly code = 'TargetAccessDenied' as const;
  readonly status = 502;

  constructor(hint: string, options: { cause: unknown }) {
    super(`The target account denied access. ${hint}`, options);
  }
}

export class TargetTableNotFoundError extends ReaderError {
  override readonly name = 'TargetTableNotFoundError';
  readonly code = 'TargetTableNotFound' as const;
  readonly status = 502;

  constructor(tableName: string, region: string, options: { cause: unknown }) {
    super(
      `Table "${tableName}" does not exist in the target account in ${region}: is target-infra deployed there, and does TABLE_NAME match?`,
      options,
    );
  }
}

/** DynamoDB kept throttling after the SDK's retries. */
export class TargetThrottledError extends ReaderError {
  override readonly name = 'TargetThrottledError';
  readonly code = 'TargetThrottled' as const;
  readonly status = 503;
  override readonly headers: Readonly<Record<string, string>>;

  constructor(retryAfterSeconds: number, options: { cause: unknown }) {
    super(`The target table is throttling requests; retry after ${retryAfterSeconds} s.`, options);
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

/** STS or DynamoDB could not be reached in time: 503 when it failed, 504 when our deadline ran out. */
export class TargetUnavailableError extends ReaderError {
  override readonly name = 'TargetUnavailableError';
  readonly code = 'TargetUnavailable' as const;
  readonly status: 503 | 504;

  constructor(status: 503 | 504, options: { cause: unknown }) {
    super(
      status === 504
        ? 'The target account did not answer in time.'
        : 'The target account is unavailable; try again later.',
      options,
    );
    this.status = status;
  }
}

/** Anything unexpected. The caller gets the request id only; the cause is logged. */
export class InternalError extends ReaderError {
  override readonly name = 'InternalError';
  readonly code = 'InternalError' as const;
  readonly status = 500;

  constructor(options: { cause: unknown }) {
    super('Internal error; quote the requestId when reporting it.', options);
  }
}
