import type { BenchSettings } from '../cli/bench-settings';
import { runColdStartProbe } from '../cold-start/run-cold-start-probe';
import { BenchError } from '../errors';
import type { Figure } from '../report/figure';
import { countCalls } from '../sandbox/count-calls';
import type { BenchEnvironment } from '../sandbox/bench-environment';
import { itemsEvent } from './items-event';

export interface ConcurrencyInput {
  readonly env: BenchEnvironment;
  readonly settings: BenchSettings;
  readonly readerBundle: string;
  /** The reader's Lambda environment with execution-role credentials and the sandbox endpoints. */
  readonly lambdaEnv: Record<string, string>;
  readonly log: (message: string) => void;
}

/**
 * #4: N requests at once into one fresh execution environment (a new `node` process that has just imported the
 * bundle), then the sandbox's AssumeRole count. The sandbox's Lambda runs one invocation per environment at a
 * time, as AWS does, so concurrency inside one environment is produced here by calling the handler N times
 * without waiting: that is exactly the race a non-single-flight cache loses.
 */
export async function measureConcurrency(input: ConcurrencyInput): Promise<Figure[]> {
  const { env, settings } = input;
  const n = settings.concurrentFirstRequests;
  const counts: number[] = [];
  input.log(`concurrency: ${n} concurrent first requests into a fresh process, ${settings.concurrencyRepeats}x`);
  for (let repeat = 0; repeat < settings.concurrencyRepeats; repeat++) {
    env.resetCounters();
    const result = await runColdStartProbe({
      modulePath: input.readerBundle,
      env: input.lambdaEnv,
      event: itemsEvent({ limit: '100' }),
      concurrency: n,
    });
    if (result.statusCode !== 200) {
      throw new BenchError('UnexpectedResponse', `a concurrent first request answered ${String(result.statusCode)}`);
    }
    counts.push(countCalls(env.counters()).assumeRole);
  }
  return [
    {
      id: 'concurrency.assumeRole',
      section: '4 concurrency',
      label: `AssumeRole for ${n} concurrent first requests, one environment (worst of ${counts.length})`,
      value: Math.max(...counts),
      unit: 'calls',
      budget: {
        max: 1,
        inclusive: true,
        meaning:
          'single-flight: a burst at cold start costs one STS round trip, not one per request (and no STS throttling)',
      },
    },
  ];
}
