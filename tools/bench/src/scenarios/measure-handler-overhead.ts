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
  /**
   * Measure a partition Query (`GET /items/{key}` against a raw Query of that partition) instead of a Scan: the
   * partition's key attribute and value, on a table with a sort key.
   */
  readonly partition?: { readonly keyName: string; readonly key: string };
  readonly log: (message: string) => void;
}

interface OverheadRounds {
  rounds: Array<{ handler: number[]; rawRead: number[] }>;
}

/**
 * #2 (in-process part): the handler's own cost on top of DynamoDB, for a Scan page or (with `partition`) a partition
 * Query page. The bundle and a raw DocumentClient share one process and one sandbox endpoint, and alternate request
 * by request; the budget is on the pairwise p50 ratio.
 */
export async function measureHandlerOverhead(input: HandlerOverheadInput): Promise<Figure[]> {
  const { settings, partition } = input;
  const limit = 100;
  const read = partition === undefined ? 'Scan' : 'Query';
  input.log(
    `handler overhead (${read}): ${settings.latencyRounds} rounds x ${settings.latencyRequestsPerRound} pairs in one process`,
  );
  const rawRead =
    partition === undefined
      ? { command: read, input: { TableName: input.tableName, Limit: limit } }
      : {
          command: read,
          input: {
            TableName: input.tableName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': partition.keyName },
            ExpressionAttributeValues: { ':pk': partition.key },
            Limit: limit,
          },
        };
  const config = {
    moduleUrl: pathToFileURL(input.readerBundle).href,
    endpoint: input.endpoint,
    region: input.region,
    tableName: input.tableName,
    credentials: input.accessCredentials,
    limit,
    raw: rawRead,
    event: itemsEvent({ limit: String(limit) }, undefined, partition?.key),
    warmup: settings.warmupRequests,
    rounds: settings.latencyRounds,
    pairs: settings.latencyRequestsPerRound,
  };
  const { rounds } = (await runNodeScript({
    what: `handler-overhead process (${read})`,
    script: handlerOverheadScript,
    env: { ...input.lambdaEnv, BENCH_CONFIG: JSON.stringify(config) },
    cwd: input.workspaceRoot,
    marker: OVERHEAD_RESULT_MARKER,
  })) as OverheadRounds;
  const handler = medianOfRounds(rounds.map((round) => latencySummary(round.handler)));
  const raw = medianOfRounds(rounds.map((round) => latencySummary(round.rawRead)));
  // The Scan's ids and labels predate the partition Query; they stay as they were for the results file's readers.
  const [id, what] = partition === undefined ? ['', 'limit=100'] : ['query.', 'partition Query, limit=100'];
  const rawWhat = partition === undefined ? 'Scan(Limit 100)' : 'partition Query(Limit 100)';
  return [
    {
      id: `latency.inProcess.${id}handler.p50`,
      section: '2 warm latency',
      label: `in-process handler, ${what}, p50`,
      value: handler.p50,
      unit: 'ms',
    },
    {
      id: `latency.inProcess.${id}handler.p99`,
      section: '2 warm latency',
      label: `in-process handler, ${what}, p99`,
      value: handler.p99,
      unit: 'ms',
    },
    {
      id: `latency.inProcess.${id}raw.p50`,
      section: '2 warm latency',
      label: `raw DocumentClient ${rawWhat}, p50`,
      value: raw.p50,
      unit: 'ms',
    },
    {
      id: `latency.inProcess.${id}raw.p99`,
      section: '2 warm latency',
      label: `raw DocumentClient ${rawWhat}, p99`,
      value: raw.p99,
      unit: 'ms',
    },
    {
      id: `latency.inProcess.${id}handlerOverRaw`,
      section: '2 warm latency',
      label: `handler / raw ${read} (pairwise p50, median of rounds)`,
      value: median(rounds.map((round) => pairwiseRatio(round.handler, round.rawRead))),
      unit: 'x',
      budget: {
        max: 1.15,
        inclusive: true,
        meaning: `routing, validation, error mapping and logging add at most 15 % to a DynamoDB ${read} page read`,
      },
    },
  ];
}
