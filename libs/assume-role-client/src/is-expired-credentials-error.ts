/**
 * Error names with which AWS services reject credentials that were valid when cached (expired, revoked, or a
 * signature that no longer matches them). The SDK retries clock-skew signature errors itself, so one that still
 * reaches us means the keys are wrong.
 */
const EXPIRED_CREDENTIALS = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);

/** Whether a service error means the caller's temporary credentials are no longer accepted. */
export function isExpiredCredentialsError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    typeof error.name === 'string' &&
    EXPIRED_CREDENTIALS.has(error.name)
  );
}
