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
  const figures: Figure[] = [
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
  if (env.functions === null) return figures;

  // The same burst through the API: Lambda's model, one invocation per environment, so the sandbox starts several
  // environments; each may assume the role once, never more.
  const reader = env.functions.reader;
  await reader.retireWorkers();
  env.resetCounters();
  const responses = await Promise.all(Array.from({ length: n }, () => env.caller.get(`${reader.itemsUrl}?limit=100`)));
  const failed = responses.find((response) => response.status !== 200);
  if (failed)
    throw new BenchError(
      'UnexpectedResponse',
      `a concurrent request through the API answered ${failed.status}: ${failed.text.slice(0, 200)}`,
    );
  const snapshot = env.counters();
  const environments = snapshot['lambda']?.['ColdStart'] ?? 0;
  const assumeRoles = countCalls(snapshot).assumeRole;
  figures.push(
    {
      id: 'concurrency.api.environments',
      section: '4 concurrency',
      label: `via API: execution environments started for ${n} concurrent cold requests`,
      value: environments,
      unit: 'envs',
    },
    {
      id: 'concurrency.api.assumeRolePerEnvironment',
      section: '4 concurrency',
      label: 'via API: AssumeRole per execution environment',
      value: environments > 0 ? assumeRoles / environments : null,
      unit: 'calls',
      budget: {
        max: 1,
        inclusive: true,
        meaning: 'each environment assumes the role once, however many requests it serves',
      },
      ...(environments > 0 ? {} : { note: 'the sandbox counted no cold start' }),
    },
  );
  return figures;
}
