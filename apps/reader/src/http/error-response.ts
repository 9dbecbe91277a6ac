import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ReaderError } from '../errors';
import { jsonResponse } from './json-response';

/** `{ "error": { "code", "message", "requestId" } }`: nothing from `cause`, no stack. */
export function errorResponse(error: ReaderError, requestId: string): APIGatewayProxyResult {
  return jsonResponse(error.status, { error: { code: error.code, message: error.message, requestId } }, error.headers);
}
