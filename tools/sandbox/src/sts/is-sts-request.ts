import type { SandboxRequest } from '../server/sandbox-request';

/** Form POSTs signed for `sts` (or carrying an `Action=`) and not aimed at another service. */
export function isStsRequest(request: SandboxRequest): boolean {
  if (request.method !== 'POST' || request.headers['x-amz-target'] !== undefined) return false;
  const contentType = String(request.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return false;
  const authorization = String(request.headers.authorization ?? '');
  return (
    /Credential=[^/]+\/\d{8}\/[^/]+\/sts\//.test(authorization) || /(^|&)Action=/.test(request.body.toString('utf8'))
  );
}
