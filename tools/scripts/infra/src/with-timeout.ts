import { InfraError } from './errors';

/**
 * Settles with `promise`, or rejects with PREFLIGHT_FAILED after `ms`. Credential resolution (SSO, IMDS) is not
 * covered by the SDK's request timeouts, so every preflight call is bounded here as a whole.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new InfraError('PREFLIGHT_FAILED', `${what} did not answer within ${ms / 1000} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
