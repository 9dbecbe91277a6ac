import { isFormPost, signedServiceOf } from '../query/is-query-request';
import type { SandboxRequest } from '../server/sandbox-request';

/**
 * Form POSTs signed for `sts`, or unsigned ones carrying an `Action=` (STS answers those with
 * MissingAuthenticationToken); requests signed for IAM or CloudFormation go to their own handlers.
 */
export function isStsRequest(request: SandboxRequest): boolean {
  if (!isFormPost(request)) return false;
  const service = signedServiceOf(request);
  if (service !== undefined) return service === 'sts';
  return /(^|&)Action=/.test(request.body.toString('utf8'));
}
