import type { APIGatewayProxyResult } from 'aws-lambda';

/**
 * A body already serialized, sent as is: a page of items is stringified once, to measure it against Lambda's
 * response limit, and that string is the body (stringifying a 100-item page twice cost ~50 µs per request).
 */
export class SerializedJson {
  constructor(readonly json: string) {}
}

/** A JSON response; never cached, since items change and errors are per request. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: body instanceof SerializedJson ? body.json : JSON.stringify(body),
  };
}
