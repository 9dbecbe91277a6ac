/** What went wrong while obtaining credentials for the target account. */
export type AssumeRoleErrorCode = 'ASSUME_ROLE_DENIED' | 'ASSUME_ROLE_UNAVAILABLE';

/**
 * STS answered and refused (AccessDenied, bad caller credentials, invalid parameters).
 * Retrying will not help; `hint` says what to check. Never carries keys or tokens.
 */
export class AssumeRoleDeniedError extends Error {
  override readonly name = 'AssumeRoleDeniedError';
  readonly code = 'ASSUME_ROLE_DENIED' as const;
  /** The error code STS returned, e.g. `AccessDenied`, or `CredentialsProviderError` when the caller had no credentials. */
  readonly reason: string;
  readonly roleArn: string;
  /** What to check, safe to show to an operator (contains no ARNs of credentials, keys or tokens). */
  readonly hint: string;

  constructor(args: { reason: string; roleArn: string; hint: string; detail: string; cause?: unknown }) {
    super(`AssumeRole on ${args.roleArn} was denied (${args.reason}): ${args.detail} ${args.hint}`, {
      cause: args.cause,
    });
    this.reason = args.reason;
    this.roleArn = args.roleArn;
    this.hint = args.hint;
  }
}

/** STS could not be reached or failed (throttling, 5xx, network, timeout). A later call may succeed. */
export class AssumeRoleUnavailableError extends Error {
  override readonly name = 'AssumeRoleUnavailableError';
  readonly code = 'ASSUME_ROLE_UNAVAILABLE' as const;
  readonly roleArn: string;
  /** The STS error code or the network error's name/code, e.g. `Throttling`, `ECONNREFUSED`, `TimeoutError`. */
  readonly reason: string;

  constructor(args: { roleArn: string; reason: string; detail: string; cause?: unknown }) {
    super(`AssumeRole on ${args.roleArn} failed (${args.reason}): ${args.detail}`, { cause: args.cause });
    this.roleArn = args.roleArn;
    this.reason = args.reason;
  }
}
