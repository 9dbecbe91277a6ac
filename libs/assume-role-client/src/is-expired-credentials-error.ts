/** Error names with which AWS services reject credentials that were valid when cached (expired or revoked). */
const EXPIRED_CREDENTIALS = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
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
