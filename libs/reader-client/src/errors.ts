/** What every error the API answers carries: HTTP status, the request id (for the operator's logs), Retry-After. */
export interface ReaderApiErrorOptions {
  readonly status: number;
  readonly requestId?: string;
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfterSeconds?: number;
}

/** An error answer of the read API (or of API Gateway in front of it); one subclass per error code. */
export abstract class ReaderApiError extends Error {
  abstract readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, options: ReaderApiErrorOptions) {
    super(message);
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

// The reader's own codes (apps/reader).

/** 400: a parameter is wrong; the message names it. */
export class InvalidRequestError extends ReaderApiError {
  override readonly name = 'InvalidRequestError';
  readonly code = 'InvalidRequest' as const;
}

/** 404: no such item (getItem answers `undefined` instead), route or index. */
export class NotFoundError extends ReaderApiError {
  override readonly name = 'NotFoundError';
  readonly code = 'NotFound' as const;
}

export class MethodNotAllowedError extends ReaderApiError {
  override readonly name = 'MethodNotAllowedError';
  readonly code = 'MethodNotAllowed' as const;
}

/** 502: the target account refused the reader; an operator must fix the deployment. */
export class TargetAccessDeniedError extends ReaderApiError {
  override readonly name = 'TargetAccessDeniedError';
  readonly code = 'TargetAccessDenied' as const;
}

export class TargetTableNotFoundError extends ReaderApiError {
  override readonly name = 'TargetTableNotFoundError';
  readonly code = 'TargetTableNotFound' as const;
}

/** 503 with Retry-After: the target throttled (retried by the client). */
export class TargetThrottledError extends ReaderApiError {
  override readonly name = 'TargetThrottledError';
  readonly code = 'TargetThrottled' as const;
}

/** 503 (retried by the client) or 504 (the reader's deadline ran out). */
export class TargetUnavailableError extends ReaderApiError {
  override readonly name = 'TargetUnavailableError';
  readonly code = 'TargetUnavailable' as const;
}

export class InternalError extends ReaderApiError {
  override readonly name = 'InternalError';
  readonly code = 'InternalError' as const;
}

// API Gateway's own answers (gateway response types), before the reader sees the request.

/** 400: API Gateway's request validator: a required request parameter is missing. */
export class BadRequestParametersError extends ReaderApiError {
  override readonly name = 'BadRequestParametersError';
  readonly code = 'BAD_REQUEST_PARAMETERS' as const;
}

/** 403: unsigned request, or a path or method the API does not have. */
export class MissingAuthenticationTokenError extends ReaderApiError {
  override readonly name = 'MissingAuthenticationTokenError';
  readonly code = 'MISSING_AUTHENTICATION_TOKEN' as const;
}

/** 403: the signing credentials expired (refresh them; the default chain does). */
export class ExpiredTokenError extends ReaderApiError {
  override readonly name = 'ExpiredTokenError';
  readonly code = 'EXPIRED_TOKEN' as const;
}

/** 403: the signing access key is not known (UnrecognizedClientException): sign with another profile or keys. */
export class UnauthorizedError extends ReaderApiError {
  override readonly name = 'UnauthorizedError';
  readonly code = 'UNAUTHORIZED' as const;
}

/** 403: the caller may not `execute-api:Invoke` this method. */
export class AccessDeniedError extends ReaderApiError {
  override readonly name = 'AccessDeniedError';
  readonly code = 'ACCESS_DENIED' as const;
}

/** 403: the signature does not match (wrong secret, region or service). */
export class InvalidSignatureError extends ReaderApiError {
  override readonly name = 'InvalidSignatureError';
  readonly code = 'INVALID_SIGNATURE' as const;
}

/** 429: above the API stage's throttling (retried by the client). */
export class ThrottledError extends ReaderApiError {
  override readonly name = 'ThrottledError';
  readonly code = 'THROTTLED' as const;
}

/** Any other answer: a code this client does not know, or a body that is not the API's error shape. */
export class UnexpectedResponseError extends ReaderApiError {
  override readonly name = 'UnexpectedResponseError';
  readonly code = 'UnexpectedResponse' as const;
  /** The code the answer named, if any. */
  readonly apiCode: string | undefined;

  constructor(message: string, options: ReaderApiErrorOptions & { apiCode?: string }) {
    super(message, options);
    this.apiCode = options.apiCode;
  }
}

/** The API could not be reached (refused, reset, timed out) on every attempt. */
export class ReaderNetworkError extends Error {
  override readonly name = 'ReaderNetworkError';
  readonly code = 'NetworkError' as const;
}

/** The client was called wrongly (a bad baseUrl, getItem without `sk` on a table with a sort key). */
export class ReaderClientUsageError extends Error {
  override readonly name = 'ReaderClientUsageError';
  readonly code = 'ClientUsage' as const;
}

type ApiErrorClass = new (message: string, options: ReaderApiErrorOptions) => ReaderApiError;

/** Error class per API error code: the reader's and API Gateway's. */
export const API_ERROR_CLASSES = {
  InvalidRequest: InvalidRequestError,
  NotFound: NotFoundError,
  MethodNotAllowed: MethodNotAllowedError,
  TargetAccessDenied: TargetAccessDeniedError,
  TargetTableNotFound: TargetTableNotFoundError,
  TargetThrottled: TargetThrottledError,
  TargetUnavailable: TargetUnavailableError,
  InternalError: InternalError,
  BAD_REQUEST_PARAMETERS: BadRequestParametersError,
  MISSING_AUTHENTICATION_TOKEN: MissingAuthenticationTokenError,
  EXPIRED_TOKEN: ExpiredTokenError,
  UNAUTHORIZED: UnauthorizedError,
  ACCESS_DENIED: AccessDeniedError,
  INVALID_SIGNATURE: InvalidSignatureError,
  THROTTLED: ThrottledError,
} as const satisfies Record<string, ApiErrorClass>;

export type ReaderApiErrorCode = keyof typeof API_ERROR_CLASSES;
