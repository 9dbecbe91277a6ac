import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { SdkError } from '@aws-sdk/types';
import {
  AssumeRoleDeniedError,
  AssumeRoleUnavailableError,
  isExpiredCredentialsError,
} from '@xacct/assume-role-client';
import type { ReaderEnv } from '@xacct/config';
import { accessDeniedHint } from './access-denied-hint';
import { errorField } from './error-field';
import {
  InternalError,
  ReaderError,
  TargetAccessDeniedError,
  TargetTableNotFoundError,
  TargetThrottledError,
  TargetUnavailableError,
} from '../errors';

const RETRY_AFTER_SECONDS = 1;
/** Our deadline (`AbortError`) and the SDK's or Node's timeouts: the target did not answer in time. */
const TIMED_OUT = new Set(['AbortError', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT']);
/** A Node system error (`code` like ECONNRESET, EPROTO, EADDRNOTAVAIL): the network failed, not the caller. */
const SYSTEM_ERROR_CODE = /^E[A-Z0-9_]+$/;

/**
 * Maps anything thrown while serving a request to the error the caller sees (DESIGN.md codes). Throttling,
 * transient and server faults are classified with the SDK's own helpers (the ones its retry strategy uses), so an
 * error code nobody listed still lands in the right class; only the truly unknown becomes a 500.
 */
export function toReaderError(error: unknown, env: ReaderEnv): ReaderError {
  if (error instanceof ReaderError) return error;
  if (error instanceof AssumeRoleDeniedError) {
    return new TargetAccessDeniedError({ cause: error, diagnosis: `AssumeRole on ${error.roleArn}: ${error.hint}` });
  }
  if (error instanceof AssumeRoleUnavailableError) {
    return unavailable(error.cause ?? error, error) ?? new TargetUnavailableError(503, { cause: error });
  }
  const name = errorField(error, 'name') ?? '';
  if (name === 'ResourceNotFoundException') {
    return new TargetTableNotFoundError({
      cause: error,
      diagnosis: `Table ${env.tableName} does not exist in ${env.targetRegion} in the target account: is target-infra deployed there, and does TABLE_NAME match?`,
    });
  }
  if (name === 'ValidationException' && /does not have the specified index/i.test(errorField(error, 'message') ?? '')) {
    return new TargetTableNotFoundError({
      cause: error,
      diagnosis: `Table ${env.tableName} in ${env.targetRegion} lacks an index that TABLE_INDEXES declares: deploy target-infra from the same stage file as source-infra.`,
    });
  }
  if (name === 'AccessDeniedException') {
    return new TargetAccessDeniedError({ cause: error, diagnosis: accessDeniedHint(env) });
  }
  if (isExpiredCredentialsError(error)) {
    return new TargetAccessDeniedError({
      cause: error,
      diagnosis:
        'DynamoDB rejected the assumed credentials even after a forced refresh (at most one per 30 s): check that the access role still exists, that its sessions are not revoked, and the clock.',
    });
  }
  return unavailable(error, error) ?? new InternalError({ cause: error });
}

/**
 * Throttling → 503 TargetThrottled; timeouts → 504, transient, network and 5xx → 503 TargetUnavailable; else
 * undefined. `classified` is the error to look at (an AssumeRole failure's cause), `error` the one to keep.
 */
function unavailable(classified: unknown, error: unknown): ReaderError | undefined {
  const sdkError = (typeof classified === 'object' && classified !== null ? classified : {}) as SdkError;
  const name = errorField(classified, 'name') ?? '';
  const code = errorField(classified, 'code') ?? '';
  const reason = error instanceof AssumeRoleUnavailableError ? error.reason : '';
  if (isThrottlingError(sdkError)) return new TargetThrottledError(RETRY_AFTER_SECONDS, { cause: error });
  if (TIMED_OUT.has(name) || TIMED_OUT.has(code) || TIMED_OUT.has(reason)) {
    return new TargetUnavailableError(504, { cause: error });
  }
  if (
    isTransientError(sdkError) ||
    isServerError(sdkError) ||
    errorField(classified, '$fault') === 'server' ||
    SYSTEM_ERROR_CODE.test(code)
  ) {
    return new TargetUnavailableError(503, { cause: error });
  }
  return undefined;
}
