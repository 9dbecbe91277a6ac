/**
 * Every error the sandbox raises. Errors that travel back to an AWS SDK carry AWS's own error code and HTTP status,
 * so the client sees exactly what AWS would answer; the rest name what is wrong and how to fix it.
 */

/** AWS error codes the emulated services answer with. */
export type AwsErrorCode =
  | 'MissingAuthenticationToken'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'InvalidClientTokenId'
  | 'SignatureDoesNotMatch'
  | 'ExpiredTokenException'
  | 'ExpiredToken'
  | 'AccessDeniedException'
  | 'AccessDenied'
  | 'ValidationException'
  | 'ValidationError'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'InvalidAction'
  | 'ResourceNotFoundException'
  | 'TableNotFoundException'
  | 'InvalidRequestContentException'
  | 'InvalidParameterValueException'
  | 'NoSuchEntity'
  | 'PolicyNotFoundException'
  | 'RequestEntityTooLarge'
  | 'MalformedPolicyDocument'
  | 'InternalFailure';

/** An error answered to an AWS client in the service's protocol (JSON `__type` for DynamoDB, XML for STS). */
export class AwsServiceError extends Error {
  override readonly name = 'AwsServiceError';
  constructor(
    readonly code: AwsErrorCode,
    message: string,
    readonly statusCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A CloudFormation template the sandbox cannot apply (broken intrinsic, missing property, unknown reference...). */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  readonly code = 'TemplateError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A Ref or Fn::GetAtt to a resource that was not applied (unsupported type, or false condition): outputs that need it are skipped. */
export class NotAppliedReferenceError extends TemplateError {}

/** A stack operation that cannot be done (stack unknown, deploy into a different account...). */
export class StackError extends Error {
  override readonly name = 'StackError';
  readonly code = 'StackError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The CLI was called wrongly (missing or invalid option). */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  readonly code = 'CliUsageError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A CLI command needs a running sandbox and none answers at the endpoint. */
export class SandboxNotRunningError extends Error {
  override readonly name = 'SandboxNotRunningError';
  readonly code = 'SandboxNotRunning' as const;
  constructor(endpoint: string, options?: { cause?: unknown }) {
    super(
      `No sandbox answers at ${endpoint}. Start it with \`npx nx serve sandbox\` (or set SANDBOX_ENDPOINT / --endpoint to where it runs).`,
      options,
    );
  }
}

/** The admin API of a running sandbox rejected a request (bad template, unknown stack...). */
export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  readonly code = 'AdminApiError' as const;
  constructor(
    message: string,
    readonly statusCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Options of `startSandbox` that cannot work (non-loopback host, bad port...). */
export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError';
  readonly code = 'SandboxConfigError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A fault definition the sandbox cannot apply; `field` names the bad part (`service`, `kind`, `error`, `ms`...). */
export class SandboxFaultError extends Error {
  override readonly name = 'SandboxFaultError';
  readonly code = 'InvalidFault' as const;
  constructor(
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Why a SigV4 signature was not accepted; each protocol front maps these to its own AWS error shape. */
export type SigV4FailureCode =
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'UnrecognizedClient'
  | 'InvalidSignature'
  | 'SignatureExpired'
  | 'ExpiredToken'
  | 'WrongService';

/** A request whose SigV4 authentication failed; `message` is what AWS says in that case. */
export class SigV4Error extends Error {
  override readonly name = 'SigV4Error';
  constructor(
    readonly code: SigV4FailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Why the emulated Lambda service could not run an invocation (not a function error: those are results). */
export type LambdaServiceErrorCode =
  | 'FunctionNotFound'
  | 'ExecutionRoleNotAssumable'
  | 'WorkerBusy'
  // Injected by a `lambda` fault (AWS Lambda's own error codes, and a dropped connection).
  | 'TooManyRequestsException'
  | 'ServiceException'
  | 'ResourceNotReadyException'
  | 'EC2ThrottledException'
  | 'ConnectionReset';

/** The Lambda service side failed (API Gateway answers 500 for these, as AWS does). */
export class LambdaServiceError extends Error {
  override readonly name = 'LambdaServiceError';
  constructor(
    readonly code: LambdaServiceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
