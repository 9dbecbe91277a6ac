import { ADMIN_HEADER } from '@xacct/sandbox';
import { BenchError } from '../errors';

/** POST to the sandbox's admin API (`/_sandbox/...`), e.g. to discard warm workers or lift stage throttling. */
export async function sandboxAdminPost(endpoint: string, path: string): Promise<unknown> {
  const response = await fetch(`${endpoint}${path}`, {
    method: 'POST',
    headers: { [ADMIN_HEADER]: 'bench' },
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  if (!response.ok) {
    throw new BenchError(
      'SandboxUnavailable',
      `sandbox admin POST ${path} answered ${response.status}: ${body.slice(0, 300)}`,
    );
  }
  return JSON.parse(body) as unknown;
}
