import { isThrottlingError } from '@smithy/core/retry';
import type { SdkError } from '@aws-sdk/types';
import { AssumeRoleDeniedError, AssumeRoleUnavailableError } from './errors';

const CALLER_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'UnrecognizedClientException',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
]);
const BAD_PARAMETERS = new Set(['ValidationError', 'MalformedPolicyDocument', 'PackedPolicyTooLarge']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
}

function hintFor(reason: string, region: string): string {
  if (CALLER_CREDENTIALS.has(reason)) {
    return (
      "STS rejected the caller's own credentials: the STS client signs with the execution role's " +
      'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN; check they are set and current.'
    );
  }
  if (BAD_PARAMETERS.has(reason)) {
    return (
      'STS rejected the request parameters: check SESSION_DURATION_SECONDS (role chaining caps sessions at 3600 s), ' +
      'the ExternalId and the SourceIdentity.'
    );
  }
  if (reason === 'RegionDisabledException') {
    return `STS is not activated in ${region} for the source account; activate the region or use another TARGET_REGION.`;
  }
  return (
    'Check that target-infra is deployed (the access role exists), that its trust policy names this caller ' +
    '(aws:PrincipalArn = the reader role ARN) and allows sts:SetSourceIdentity for this SourceIdentity, ' +
    'and that EXTERNAL_ID matches the sts:ExternalId condition.'
  );
}

/**
 * Classifies a failed AssumeRole: a definite answer from STS (a client fault other than throttling, or no
 * caller credentials at all) is a denial; everything else (throttling, 5xx, network, timeout) is unavailability.
 */
export function toAssumeRoleError(
  error: unknown,
  roleArn: string,
  region: string,
): AssumeRoleDeniedError | AssumeRoleUnavailableError {
  const e: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : {};
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const detail = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  // Throttling per the SDK's own classification (codes, HTTP 429, the retryable trait), as its retry strategy sees it.
  const denied =
    name === 'CredentialsProviderError' || (e.$fault === 'client' && !isThrottlingError(error as SdkError));
  if (denied) {
    return new AssumeRoleDeniedError({ reason: name, roleArn, hint: hintFor(name, region), detail, cause: error });
  }
  // Node network errors carry the useful part in `code` (ECONNREFUSED, ETIMEDOUT, ...).
  const reason = typeof e.code === 'string' ? e.code : name;
  return new AssumeRoleUnavailableError({ roleArn, reason, detail, cause: error });
}
