import type { ServerResponse } from 'node:http';
import { AwsServiceError, SigV4Error, type SigV4FailureCode } from '../errors';
import { escapeXml } from '../sts/escape-xml';

/**
 * An awsQuery success document: `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…`.
 * The SDK reads the result from inside the wrapper; without it, it returns an empty object.
 */
export function queryResultXml(namespace: string, action: string, resultXml: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${namespace}">\n` +
    `  <${action}Result>\n${resultXml}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${escapeXml(requestId)}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

/** An awsQuery error document (STS, IAM and CloudFormation share the shape). */
export function queryErrorXml(
  namespace: string,
  code: string,
  message: string,
  requestId: string,
  type: 'Sender' | 'Receiver' = 'Sender',
): string {
  return (
    `<ErrorResponse xmlns="${namespace}">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${escapeXml(requestId)}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}

/** Writes an XML response with an exact content-length. */
export function sendXml(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
  response.end(xml);
}

/** How the awsQuery services (STS, IAM, CloudFormation) answer a failed SigV4 check. */
export const QUERY_SIGV4_ERRORS: Record<SigV4FailureCode, { code: string; status: number }> = {
  MissingAuthenticationToken: { code: 'MissingAuthenticationToken', status: 403 },
  IncompleteSignature: { code: 'IncompleteSignature', status: 400 },
  UnrecognizedClient: { code: 'InvalidClientTokenId', status: 403 },
  InvalidSignature: { code: 'SignatureDoesNotMatch', status: 403 },
  SignatureExpired: { code: 'SignatureDoesNotMatch', status: 403 },
  ExpiredToken: { code: 'ExpiredToken', status: 400 },
  WrongService: { code: 'SignatureDoesNotMatch', status: 403 },
};

/** One `<member>` per value, as awsQuery serializes a list. */
export function xmlMembers(values: readonly string[], indent: string): string {
  return values.map((value) => `${indent}<member>${value}</member>\n`).join('');
}

/**
 * Answers a SigV4 failure or an AwsServiceError as an awsQuery error document.
 * @returns false for any other error (the caller rethrows it: the server answers 500 without details).
 */
export function sendQueryError(
  response: ServerResponse,
  namespace: string,
  error: unknown,
  requestId: string,
): boolean {
  const mapped =
    error instanceof SigV4Error
      ? { ...QUERY_SIGV4_ERRORS[error.code], message: error.message }
      : error instanceof AwsServiceError
        ? { code: error.code, status: error.statusCode, message: error.message }
        : undefined;
  if (mapped === undefined) return false;
  sendXml(response, mapped.status, queryErrorXml(namespace, mapped.code, mapped.message, requestId));
  return true;
}
