import type { ServerResponse } from 'node:http';

/**
 * An API Gateway-generated response: JSON body, `x-amzn-ErrorType` as AWS sets it, and the request ids
 * (the sandbox server already set `x-amzn-RequestId`).
 */
export function sendApiError(
  res: ServerResponse,
  status: number,
  errorType: string,
  body: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': errorType,
  });
  res.end(text);
}
