import { pathToFileURL } from 'node:url';
import type { BenchSettings } from '../cli/bench-settings';
import { runNodeScript } from '../child/run-node-script';
import type { Figure } from '../report/figure';
import type { BenchEnvironment, BenchFunction } from '../sandbox/bench-environment';
import { requireFunctions } from '../sandbox/require-functions';
import { workerPeakRss } from '../sandbox/worker-peak-rss';
import { median } from '../stats/median';
import { spreadOf } from '../stats/spread';
import { expectOk } from './expect-ok';
import { itemsEvent } from './items-event';
import { PAGED_READ_MARKER, pagedReadScript } from './paged-read-script';

const SECTION = '5 large table';
/** Untimed pages per way of reading before each round's timed reads. */
const WARMUP_PAGES = 3;

export interface LargeTableInput {
  readonly env: BenchEnvironment;
  readonly settings: BenchSettings;
  readonly workspaceRoot: string;
  readonly readerBundle: string;
  /** The reader's Lambda environment (execution-role credentials, sandbox endpoints) for the in-process handler. */
  readonly lambdaEnv: Record<string, string>;
  readonly log: (message: string) => void;
}

/** One whole-table read: its time, page count and the time of each page. */
interface Read {
  ms: number;
  pages: number;
  pageMs: number[];
}

/** One round: the same table read four ways in lockstep, each adding one layer to the one before. */
interface Round {
  raw: Read;
  handler: Read;
  invoke: Read;
  api: Read;
}

/** Serves the client process's direct invokes: the function's JSON result and the invoke's own time. */
function directInvoke(reader: BenchFunction) {
  return async (request: unknown): Promise<{ payload: string; ms: number }> => {
    const { query } = request as { query: Record<string, string> };
    const started = performance.now();
    const payload = await reader.invoke(itemsEvent(query));
    return { payload, ms: performance.now() - started };
  };
}

async function measureSize(
  input: LargeTableInput,
  size: number,
  rounds: number,
): Promise<{ rounds: Round[]; peakRssMb: number }> {
  const { env, settings } = input;
  const reader = requireFunctions(env).reader;
  await env.seedTo(size);
  const access = await env.accessCredentials();
  const keyName = env.stage.table.partitionKey.name;
  const limit = settings.largePageLimit;
  const done: Round[] = [];
  let peakRssMb = 0;
  // A fresh worker for this size, so the peak RSS belongs to this table size alone; one small request starts it.
  await reader.retireWorkers();
  expectOk(await env.caller.get(`${reader.itemsUrl}?limit=1`), 'reader warm-up');
  for (let round = 0; round < rounds; round++) {
    // Rotate the order, so no layer always reads first (cold caches) or last (a tired machine).
    const order = (['api', 'invoke', 'handler', 'raw'] as const).map((_, i, all) => all[(i + round) % all.length]);
    const config = {
      itemsUrl: reader.itemsUrl,
      caller: env.callerCredentials,
      access,
      endpoint: env.endpoint,
      region: env.stage.target.region,
      tableName: env.stage.table.name,
      keyName,
      limit,
      expected: size,
      order,
      moduleUrl: pathToFileURL(input.readerBundle).href,
      event: itemsEvent({ limit: String(limit) }),
      warmupPages: WARMUP_PAGES,
    };
    const result = (await runNodeScript({
      what: `paged read of ${size} items`,
      script: pagedReadScript,
      tsx: true,
      env: { ...input.lambdaEnv, BENCH_CONFIG: JSON.stringify(config) },
      cwd: input.workspaceRoot,
      marker: PAGED_READ_MARKER,
      serve: directInvoke(reader),
    })) as Round;
    done.push(result);
    // After the first round, so sizes measured with different round counts compare alike (VmHWM only grows).
    if (round === 0) peakRssMb = workerPeakRss(reader.functionName);
    input.log(
      `large table: ${size} items, round ${round + 1}/${rounds}: API ${result.api.ms.toFixed(0)} ms (${result.api.pages} pages), invoke ${result.invoke.ms.toFixed(0)} ms, handler ${result.handler.ms.toFixed(0)} ms, raw ${result.raw.ms.toFixed(0)} ms`,
    );
  }
  return { rounds: done, peakRssMb };
}

/** The median over rounds of a per-round value, with its spread. */
function overRounds(values: number[]): { value: number; spread: ReturnType<typeof spreadOf> } {
  return { value: median(values), spread: spreadOf(values) };
}

/**
 * #5: a large table read completely through the paged API (limit 1000) vs a raw paged Scan on the same endpoint,
 * from a client process of its own, over several rounds; the per-page gap split into layers by reading the same
 * table through the handler in process and through direct Lambda invokes as well; and the reader worker's peak RSS,
 * with the same on a 10x smaller table to show whether memory grows with table size.
 */
export async function measureLargeTable(input: LargeTableInput): Promise<Figure[]> {
  const { settings } = input;
  // The small table only answers the memory question: one round is enough there.
  const small = await measureSize(input, settings.smallItems, 1);
  const large = await measureSize(input, settings.largeItems, settings.largeRounds);
  const n = settings.largeItems.toLocaleString('en-US');
  const m = settings.smallItems.toLocaleString('en-US');
  // Per page, the median page time of each read: one slow page (GC, another tenant) moves a median little.
  const page = (read: Read) => median(read.pageMs);
  const layers: Array<[string, string, (round: Round) => number]> = [
    ['large.gapPerPage.total', 'per-page gap, API - raw Scan (median page)', (r) => page(r.api) - page(r.raw)],
    [
      'large.gapPerPage.readerCode',
      "per-page gap from the reader's own code (handler in process - raw Scan)",
      (r) => page(r.handler) - page(r.raw),
    ],
    [
      'large.gapPerPage.workerBoundary',
      'per-page gap from the Lambda worker boundary (direct invoke - handler)',
      (r) => page(r.invoke) - page(r.handler),
    ],
    [
      'large.gapPerPage.apiGateway',
      'per-page gap from API Gateway emulation + HTTP (API - direct invoke)',
      (r) => page(r.api) - page(r.invoke),
    ],
  ];
  return [
    {
      id: 'large.reader.itemsPerSecond',
      section: SECTION,
      label: `${n} items via API, limit=1000`,
      ...overRounds(large.rounds.map((round) => (settings.largeItems / round.api.ms) * 1000)),
      unit: 'items/s',
    },
    {
      id: 'large.raw.itemsPerSecond',
      section: SECTION,
      label: `${n} items, raw paged Scan(Limit 1000)`,
      ...overRounds(large.rounds.map((round) => (settings.largeItems / round.raw.ms) * 1000)),
      unit: 'items/s',
    },
    {
      id: 'large.readerOverRaw',
      section: SECTION,
      label: 'API / raw items/s (pairwise, median of rounds)',
      // Items/s of the API over items/s of the raw Scan, same item count: raw time over API time.
      ...overRounds(large.rounds.map((round) => round.raw.ms / round.api.ms)),
      unit: 'x',
    },
    ...layers.map(
      ([id, label, gap]): Figure => ({ id, section: SECTION, label, ...overRounds(large.rounds.map(gap)), unit: 'ms' }),
    ),
    {
      id: 'large.peakRssMb',
      section: SECTION,
      label: `reader worker peak RSS, ${n} items (first read of each kind)`,
      value: large.peakRssMb,
      unit: 'MB',
      budget: {
        max: 256,
        inclusive: false,
        meaning: 'fits the 256 MB function: each page is returned, never collected',
      },
    },
    {
      id: 'large.peakRssSmallMb',
      section: SECTION,
      label: `reader worker peak RSS, ${m} items (first read of each kind)`,
      value: small.peakRssMb,
      unit: 'MB',
    },
    {
      id: 'large.peakRssGrowthMb',
      section: SECTION,
      label: `peak RSS growth, ${m} -> ${n} items`,
      value: large.peakRssMb - small.peakRssMb,
      unit: 'MB',
      budget: {
        max: 32,
        inclusive: false,
        meaning: 'memory does not grow with table size (holding 10x the items would add ~100 MB)',
      },
    },
  ];
}
