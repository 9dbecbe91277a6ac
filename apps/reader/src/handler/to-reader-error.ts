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

const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'Throttling',
]);
const TIMED_OUT = new Set(['AbortError', 'TimeoutError', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'RequestTimeout']);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'InternalServerError',
  'ServiceUnavailable',
]);
const RETRY_AFTER_SECONDS = 1;

/** Maps anything thrown while serving a request to the error the caller sees (DESIGN.md codes). */
export function toReaderError(error: unknown, env: ReaderEnv): ReaderError {
  if (error instanceof ReaderError) return error;
  if (error instanceof AssumeRoleDeniedError) return new TargetAccessDeniedError(error.hint, { cause: error });
  if (error instanceof AssumeRoleUnavailableError) {
    return new TargetUnavailableError(TIMED_OUT.has(error.reason) ? 504 : 503, { cause: error });
  }
  const name = errorField(error, 'name') ?? '';
  const code = errorField(error, 'code') ?? '';
  if (name === 'ResourceNotFoundException') {
    return new TargetTableNotFoundError(env.tableName, env.targetRegion, { cause: error });
  }
  if (name === 'AccessDeniedException') {
    return new TargetAccessDeniedError(accessDeniedHint(env), { cause: error });
  }
  if (isExpiredCredentialsError(error)) {
    return new TargetAccessDeniedError(
      'The target rejected freshly assumed credentials: check the access role still exists and its sessions are not revoked.',
      { cause: error },
    );
  }
  if (THROTTLED.has(name)) return new TargetThrottledError(RETRY_AFTER_SECONDS, { cause: error });
  if (TIMED_OUT.has(name) || TIMED_OUT.has(code)) return new TargetUnavailableError(504, { cause: error });
  if (UNREACHABLE.has(name) || UNREACHABLE.has(code) || errorField(error, '$fault') === 'server') {
    return new TargetUnavailableError(503, { cause: error });
  }
  return new InternalError({ cause: error });
}
