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

/** What an operator needs besides the cause: logged on the request's line, never returned. */
export interface ReaderErrorOptions {
  readonly cause: unknown;
  /** What to check and fix; may name tables, regions, roles and environment variables. */
  readonly diagnosis?: string;
}

/**
 * An error with its HTTP status. `message` is shown to the caller as-is, so it names the code and what the caller
 * can do, never internals (table, region, ARNs, environment variables), stack traces, credentials or item
 * contents; the operator's side (`diagnosis`, `cause`) goes to the request's log line.
 */
export abstract class ReaderError extends Error {
  abstract readonly code: ReaderErrorCode;
  abstract readonly status: number;
  /** Extra response headers (Allow, Retry-After). */
  readonly headers: Readonly<Record<string, string>> = {};
  readonly diagnosis: string | undefined;

  constructor(message: string, options?: ReaderErrorOptions) {
    super(message, options);
    this.diagnosis = options?.diagnosis;
  }
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

/** The target account refused us (AssumeRole denied, the access role may not read, credentials rejected). */
export class TargetAccessDeniedError extends ReaderError {
  override readonly name = 'TargetAccessDeniedError';
  readonly code = 'TargetAccessDenied' as const;
  readonly status = 502;

  constructor(options: ReaderErrorOptions) {
    super(
      'TargetAccessDenied: the target account refused this API access to the data; retrying will not help until ' +
        'an operator fixes the deployment (the diagnosis is logged under this requestId).',
      options,
    );
  }
}

export class TargetTableNotFoundError extends ReaderError {
  override readonly name = 'TargetTableNotFoundError';
  readonly code = 'TargetTableNotFound' as const;
  readonly status = 502;

  constructor(options: ReaderErrorOptions) {
    super(
      'TargetTableNotFound: the data source of this API does not exist; retrying will not help until an operator ' +
        'fixes the deployment (the diagnosis is logged under this requestId).',
      options,
    );
  }
}

/** STS or DynamoDB kept throttling after the SDK's retries. */
export class TargetThrottledError extends ReaderError {
  override readonly name = 'TargetThrottledError';
  readonly code = 'TargetThrottled' as const;
  readonly status = 503;
  override readonly headers: Readonly<Record<string, string>>;

  constructor(retryAfterSeconds: number, options: ReaderErrorOptions) {
    super(`TargetThrottled: the target is throttling requests; retry after ${retryAfterSeconds} s.`, options);
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

/** STS or DynamoDB could not be reached or failed: 503, or 504 when the deadline or a timeout ran out. */
export class TargetUnavailableError extends ReaderError {
  override readonly name = 'TargetUnavailableError';
  readonly code = 'TargetUnavailable' as const;
  readonly status: 503 | 504;

  constructor(status: 503 | 504, options: ReaderErrorOptions) {
    super(
      status === 504
        ? 'TargetUnavailable: the target did not answer in time; retry in a few seconds.'
        : 'TargetUnavailable: the target is temporarily unavailable; retry in a few seconds.',
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

  constructor(options: ReaderErrorOptions) {
    super('InternalError: quote the requestId when reporting it.', options);
  }
}
