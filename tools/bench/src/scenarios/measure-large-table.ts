import { requireFunctions } from '../sandbox/require-functions';
import type { BenchSettings } from '../cli/bench-settings';
import { BenchError } from '../errors';
import type { Figure } from '../report/figure';
import type { BenchEnvironment } from '../sandbox/bench-environment';
import { findWorkerPids } from '../sandbox/find-worker-pids';
import { readPeakRss } from '../sandbox/read-peak-rss';
import { median } from '../stats/median';
import { expectOk } from './expect-ok';
import { readAllRaw } from './read-all-raw';
import { readAllViaApi } from './read-all-via-api';

const SECTION = '5 large table';

interface SizeResult {
  readerItemsPerSecond: number;
  rawItemsPerSecond: number;
  ratio: number;
  peakRssMb: number;
}

/** The one warm worker of the reader (sequential requests reuse it); its peak RSS so far. */
function readerPeakRss(env: BenchEnvironment): number {
  const pids = findWorkerPids(requireFunctions(env).reader.functionName);
  if (pids.length === 0)
    throw new BenchError('WorkerFailed', `no worker process of ${requireFunctions(env).reader.functionName} found`);
  return Math.max(...pids.map(readPeakRss));
}

async function measureSize(
  env: BenchEnvironment,
  settings: BenchSettings,
  size: number,
  log: (m: string) => void,
): Promise<SizeResult> {
  await env.seedTo(size);
  const client = await env.targetClient();
  const limit = settings.largePageLimit;
  const reader: number[] = [];
  const raw: number[] = [];
  const ratios: number[] = [];
  let peakRssMb = 0;
  for (let round = 0; round < settings.largeRounds; round++) {
    // A fresh worker per round, so its peak RSS belongs to this table size alone; one small request warms it.
    await requireFunctions(env).reader.retireWorkers();
    expectOk(await env.caller.get(`${requireFunctions(env).reader.itemsUrl}?limit=1`), 'reader warm-up');
    const viaApi = async () => readAllViaApi(env, size, limit);
    const viaRaw = async () => readAllRaw(client, env.stage.table.name, size, limit);
    let apiRun: Awaited<ReturnType<typeof viaApi>>;
    let rawRun: Awaited<ReturnType<typeof viaRaw>>;
    if (round % 2 === 0) {
      apiRun = await viaApi();
      rawRun = await viaRaw();
    } else {
      rawRun = await viaRaw();
      apiRun = await viaApi();
    }
    peakRssMb = Math.max(peakRssMb, readerPeakRss(env));
    reader.push((apiRun.items / apiRun.ms) * 1000);
    raw.push((rawRun.items / rawRun.ms) * 1000);
    // Items/s of the API over items/s of the raw Scan, for the same item count: raw time over API time.
    ratios.push(rawRun.ms / apiRun.ms);
    log(
      `large table: ${size} items, round ${round + 1}: API ${apiRun.ms.toFixed(0)} ms (${apiRun.pages} pages), raw ${rawRun.ms.toFixed(0)} ms, worker peak RSS ${peakRssMb.toFixed(0)} MB`,
    );
  }
  return { readerItemsPerSecond: median(reader), rawItemsPerSecond: median(raw), ratio: median(ratios), peakRssMb };
}

/**
 * #5: read a large table completely through the paged API (limit 1000) vs a raw paged Scan on the same endpoint,
 * and the reader worker's peak RSS; the same on a 10x smaller table shows whether memory grows with table size.
 */
export async function measureLargeTable(
  env: BenchEnvironment,
  settings: BenchSettings,
  log: (m: string) => void,
): Promise<Figure[]> {
  const small = await measureSize(env, settings, settings.smallItems, log);
  const large = await measureSize(env, settings, settings.largeItems, log);
  const n = settings.largeItems.toLocaleString('en-US');
  const m = settings.smallItems.toLocaleString('en-US');
  return [
    {
      id: 'large.reader.itemsPerSecond',
      section: SECTION,
      label: `${n} items via API, limit=1000`,
      value: large.readerItemsPerSecond,
      unit: 'items/s',
    },
    {
      id: 'large.raw.itemsPerSecond',
      section: SECTION,
      label: `${n} items, raw paged Scan(Limit 1000)`,
      value: large.rawItemsPerSecond,
      unit: 'items/s',
    },
    {
      id: 'large.readerOverRaw',
      section: SECTION,
      label: 'API / raw items/s (pairwise, median of rounds)',
      value: large.ratio,
      unit: 'x',
    },
    {
      id: 'large.peakRssMb',
      section: SECTION,
      label: `reader worker peak RSS, ${n} items`,
      value: large.peakRssMb,
      unit: 'MB',
      budget: {
        max: 256,
        inclusive: false,
        meaning: 'fits a 256 MB Lambda: pages are streamed to the caller, never collected',
      },
    },
    {
      id: 'large.peakRssSmallMb',
      section: SECTION,
      label: `reader worker peak RSS, ${m} items`,
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
        meaning: 'memory does not grow with table size (10x the items would add ~100 MB if held)',
      },
    },
  ];
}
