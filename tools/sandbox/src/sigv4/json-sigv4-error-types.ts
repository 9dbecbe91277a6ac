import type { SigV4FailureCode } from '../errors';

/** The error type JSON-protocol services (DynamoDB, Lambda) answer for each SigV4 failure. */
export const JSON_SIGV4_ERROR_TYPES: Record<SigV4FailureCode, string> = {
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  IncompleteSignature: 'IncompleteSignatureException',
  UnrecognizedClient: 'UnrecognizedClientException',
  InvalidSignature: 'InvalidSignatureException',
  SignatureExpired: 'InvalidSignatureException',
  ExpiredToken: 'ExpiredTokenException',
  WrongService: 'InvalidSignatureException',
};
