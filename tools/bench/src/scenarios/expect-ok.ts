import { BenchError } from '../errors';
import type { SignedResponse } from '../http/signed-http-client';

/** A measured request must succeed: timing error responses would measure the wrong thing. */
export function expectOk(response: SignedResponse, what: string): SignedResponse {
  if (response.status !== 200) {
    throw new BenchError('UnexpectedResponse', `${what} answered ${response.status}: ${response.body.slice(0, 300)}`);
  }
  return response;
}
