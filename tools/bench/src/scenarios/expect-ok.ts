import { BenchError } from '../errors';
import type { TimedResponse } from '../sandbox/bench-environment';

/** A measured request must succeed: timing error responses would measure the wrong thing. */
export function expectOk(response: TimedResponse, what: string): TimedResponse {
  if (response.status !== 200) {
    throw new BenchError('UnexpectedResponse', `${what} answered ${response.status}: ${response.text.slice(0, 300)}`);
  }
  return response;
}
