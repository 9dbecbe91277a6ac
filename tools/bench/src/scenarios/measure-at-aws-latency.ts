import type { BenchSettings } from '../cli/bench-settings';
import { BenchError } from '../errors';
import type { Figure } from '../report/figure';
import type { BenchEnvironment } from '../sandbox/bench-environment';
import { measureApiLatency } from './measure-api-latency';

/**
 * #2 at `aws` latency: a second sandbox with the latency model, the same deployment and seeded table, and the same
 * interleaved reader/classic requests. A sandbox without the model gives a row saying so, not a failure: the
 * figures without added latency still stand.
 */
export async function measureAtAwsLatency(
  startEnvironment: (latency: 'aws') => Promise<BenchEnvironment>,
  settings: BenchSettings,
  log: (message: string) => void,
): Promise<Figure[]> {
  let env: BenchEnvironment;
  try {
    env = await startEnvironment('aws');
  } catch (error) {
    if (!(error instanceof BenchError && error.code === 'SandboxUnavailable')) throw error;
    log(`warm latency at aws latency skipped: ${error.message}`);
    return [
      {
        id: 'latency.api.aws.readerOverClassic',
        section: '2 warm latency',
        label: 'reader / classic via API at aws latency (pairwise, p50 over rounds)',
        value: null,
        unit: 'x',
        note: error.message,
      },
    ];
  }
  try {
    return await measureApiLatency(env, settings, log, 'aws');
  } finally {
    await env.stop();
  }
}
