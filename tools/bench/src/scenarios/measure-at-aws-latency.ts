import { BenchError } from '../errors';
import type { Figure } from '../report/figure';
import type { BenchEnvironment } from '../sandbox/bench-environment';

/**
 * A measurement at `aws` latency: a second sandbox with the latency model, the same deployments and seeded tables,
 * and the same requests as without it (#2's warm latency, #3's first request after a cold start). A sandbox without
 * the model gives `unmeasured` with the reason, not a failure: the figures without added latency still stand.
 */
export async function measureAtAwsLatency(
  startEnvironment: (latency: 'aws') => Promise<BenchEnvironment>,
  measure: (env: BenchEnvironment) => Promise<Figure[]>,
  unmeasured: Omit<Figure, 'value' | 'note'>,
  log: (message: string) => void,
): Promise<Figure[]> {
  let env: BenchEnvironment;
  try {
    env = await startEnvironment('aws');
  } catch (error) {
    if (!(error instanceof BenchError && error.code === 'SandboxUnavailable')) throw error;
    log(`${unmeasured.label} skipped: ${error.message}`);
    return [{ ...unmeasured, value: null, note: error.message }];
  }
  try {
    return await measure(env);
  } finally {
    await env.stop();
  }
}
