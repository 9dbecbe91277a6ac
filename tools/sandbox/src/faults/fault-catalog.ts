import { DYNAMODB_ACTIONS } from '../dynamodb/dynamodb-actions';
import { STS_ACTIONS } from '../sts/sts-actions';
import type { FaultKind, FaultService } from './fault-definition';

/** How a service answers one error code: HTTP status, AWS's message, and the protocol's extra part. */
export interface FaultErrorShape {
  readonly status: number;
  readonly message: string;
  /** DynamoDB: the `__type` namespace; STS: the `<Type>` (Sender/Receiver); API Gateway: the gateway response type. */
  readonly detail?: string;
}

export const FAULT_SERVICES: readonly FaultService[] = ['sts', 'dynamodb', 'execute-api', 'lambda'];
export const FAULT_KINDS: readonly FaultKind[] = ['latency', 'hang', 'error', 'reset'];

/** Actions a definition may name, per service. */
export const FAULT_ACTIONS: Readonly<Record<FaultService, ReadonlySet<string>>> = {
  sts: STS_ACTIONS,
  dynamodb: DYNAMODB_ACTIONS,
  'execute-api': new Set(['Invoke']),
  lambda: new Set(['Invoke']),
};

const DDB = 'com.amazonaws.dynamodb.v20120810';
const CORAL = 'com.amazon.coral.service';
const EXPIRED = 'The security token included in the request is expired';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** Error codes a definition may name, per service, as each service sends them (status codes from the AWS API references). */
export const FAULT_ERRORS: Readonly<Record<FaultService, Readonly<Record<string, FaultErrorShape>>>> = {
  dynamodb: {
    ThrottlingException: {
      status: 400,
      message: 'Rate of requests exceeds the allowed throughput.',
      detail: 'com.amazon.coral.availability',
    },
    ProvisionedThroughputExceededException: {
      status: 400,
      message:
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      detail: DDB,
    },
    RequestLimitExceeded: {
      status: 400,
      message:
        'Throughput exceeds the current throughput limit for your account. Please contact AWS Support to request a limit increase.',
      detail: DDB,
    },
    InternalServerError: { status: 500, message: 'Internal server error', detail: DDB },
    ServiceUnavailable: { status: 503, message: 'Service Unavailable', detail: 'com.amazon.coral.availability' },
    ExpiredTokenException: { status: 400, message: EXPIRED, detail: CORAL },
    UnrecognizedClientException: { status: 400, message: INVALID_TOKEN, detail: CORAL },
    AccessDeniedException: { status: 400, message: 'Access denied (sandbox fault).', detail: CORAL },
    ResourceNotFoundException: { status: 400, message: 'Requested resource not found', detail: DDB },
    LimitExceededException: { status: 400, message: 'Too many operations for a given subscriber.', detail: DDB },
  },
  sts: {
    Throttling: { status: 400, message: 'Rate exceeded', detail: 'Sender' },
    ExpiredToken: { status: 400, message: EXPIRED, detail: 'Sender' },
    RegionDisabledException: {
      status: 403,
      message:
        'STS is not activated in this region for this account. Your account administrator can activate STS in this region using the IAM Console.',
      detail: 'Sender',
    },
    ServiceUnavailable: { status: 503, message: 'Service Unavailable', detail: 'Receiver' },
    InternalFailure: { status: 500, message: 'An internal error occurred.', detail: 'Receiver' },
    AccessDenied: { status: 403, message: 'Access denied (sandbox fault).', detail: 'Sender' },
    InvalidClientTokenId: { status: 403, message: INVALID_TOKEN, detail: 'Sender' },
  },
  'execute-api': {
    TooManyRequestsException: { status: 429, message: 'Too Many Requests', detail: 'THROTTLED' },
    LimitExceededException: { status: 429, message: 'Limit Exceeded', detail: 'QUOTA_EXCEEDED' },
    ForbiddenException: { status: 403, message: 'Forbidden', detail: 'DEFAULT_4XX' },
    InternalServerErrorException: { status: 500, message: 'Internal server error', detail: 'DEFAULT_5XX' },
    ServiceUnavailableException: { status: 503, message: 'Service Unavailable', detail: 'DEFAULT_5XX' },
  },
  // Lambda errors reach a caller only through API Gateway, which answers 500 for a failed invoke.
  lambda: {
    TooManyRequestsException: { status: 429, message: 'Rate Exceeded.' },
    ServiceException: { status: 500, message: 'The Lambda service encountered an internal error.' },
    ResourceNotReadyException: { status: 502, message: 'The function is not ready.' },
    EC2ThrottledException: { status: 502, message: 'Lambda was throttled by Amazon EC2.' },
  },
};
