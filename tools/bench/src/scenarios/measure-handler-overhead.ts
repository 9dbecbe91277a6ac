import { pathToFileURL } from 'node:url';
import type { BenchSettings } from '../cli/bench-settings';
import { runNodeScript } from '../child/run-node-script';
import type { Figure } from '../report/figure';
import type { HeldCredentials } from '../sandbox/bench-environment';
import { latencySummary } from '../stats/latency-summary';
import { median } from '../stats/median';
import { medianOfRounds } from '../stats/median-of-rounds';
import { pairwiseRatio } from '../stats/pairwise-ratio';
import { handlerOverheadScript, OVERHEAD_RESULT_MARKER } from './handler-overhead-script';
import { itemsEvent } from './items-event';

export interface HandlerOverheadInput {
  readonly settings: BenchSettings;
  readonly workspaceRoot: string;
  readonly readerBundle: string;
  readonly lambdaEnv: Record<string, string>;
  readonly endpoint: string;
  readonly region: string;
  readonly tableName: string;
  readonly accessCredentials: HeldCredentials;
  readonly log: (message: string) => void;
}

interface OverheadRounds {
  rounds: Array<{ handler: number[]; rawScan: number[] }>;
}

/**
 * #2 (in-process part): the handler's own cost on top of DynamoDB. The bundle and a raw DocumentClient share one
 * process and one sandbox endpoint, and alternate request by request; the budget is on the pairwise p50 ratio.
 */
export async function measureHandlerOverhead(input: HandlerOverheadInput): Promise<Figure[]> {
  const { settings } = input;
  const limit = 100;
  input.log(
    `handler overhead: ${settings.latencyRounds} rounds x ${settings.latencyRequestsPerRound} pairs in one process`,
  );
  const config = {
    moduleUrl: pathToFileURL(input.readerBundle).href,
    endpoint: input.endpoint,
    region: input.region,
    tableName: input.tableName,
    credentials: input.accessCredentials,
    limit,
    event: itemsEvent({ limit: String(limit) }),
    warmup: settings.warmupRequests,
    rounds: settings.latencyRounds,
    pairs: settings.latencyRequestsPerRound,
  };
  const { rounds } = (await runNodeScript({
    what: 'handler-overhead process',
    script: handlerOverheadScript,
    env: { ...input.lambdaEnv, BENCH_CONFIG: JSON.stringify(config) },
    cwd: input.workspaceRoot,
    marker: OVERHEAD_RESULT_MARKER,
  })) as OverheadRounds;
  const handler = medianOfRounds(rounds.map((round) => latencySummary(round.handler)));
  const raw = medianOfRounds(rounds.map((round) => latencySummary(round.rawScan)));
  return [
    {
      id: 'latency.inProcess.handler.p50',
      section: '2 warm latency',
      label: 'in-process handler, limit=100, p50',
      value: handler.p50,
      unit: 'ms',
    },
    {
      id: 'latency.inProcess.handler.p99',
      section: '2 warm latency',
      label: 'in-process handler, limit=100, p99',
      value: handler.p99,
      unit: 'ms',
    },
    {
      id: 'latency.inProcess.raw.p50',
      section: '2 warm latency',
      label: 'raw DocumentClient Scan(Limit 100), p50',
      value: raw.p50,
      unit: 'ms',
    },
    {
      id: 'latency.inProcess.raw.p99',
      section: '2 warm latency',
      label: 'raw DocumentClient Scan(Limit 100), p99',
      value: raw.p99,
      unit: 'ms',
    },
    {
      id: 'latency.inProcess.handlerOverRaw',
      section: '2 warm latency',
      label: 'handler / raw Scan (pairwise p50, median of rounds)',
      value: median(rounds.map((round) => pairwiseRatio(round.handler, round.rawScan))),
      unit: 'x',
      budget: {
        max: 1.15,
        inclusive: true,
        meaning: 'routing, validation, error mapping and logging add at most 15 % to a DynamoDB page read',
      },
    },
  ];
}
