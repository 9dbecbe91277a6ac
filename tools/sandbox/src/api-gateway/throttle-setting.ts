import type { MethodSetting } from './types';

/** API Gateway's account-level default when a stage sets no throttling. */
const ACCOUNT_DEFAULT = { rate: 10_000, burst: 5_000 };

/**
 * The rate and burst that apply to one method of a stage: the setting for exactly that resource path and
 * method wins over the stage-wide `/*` + `*` one. Each method gets its own bucket, as in API Gateway.
 */
export function throttleSetting(
  settings: readonly MethodSetting[],
  resourcePath: string,
  httpMethod: string,
): { rate: number; burst: number } {
  const escaped = `/${resourcePath.replaceAll('/', '~1')}`;
  const candidates = [
    settings.find((s) => s.resourcePath === escaped && s.httpMethod === httpMethod),
    settings.find((s) => s.resourcePath === escaped && s.httpMethod === '*'),
    settings.find((s) => s.resourcePath === '/*' && s.httpMethod === '*'),
  ];
  const rate = candidates.find((s) => s?.throttlingRateLimit !== undefined)?.throttlingRateLimit;
  const burst = candidates.find((s) => s?.throttlingBurstLimit !== undefined)?.throttlingBurstLimit;
  return { rate: rate ?? ACCOUNT_DEFAULT.rate, burst: burst ?? ACCOUNT_DEFAULT.burst };
}
