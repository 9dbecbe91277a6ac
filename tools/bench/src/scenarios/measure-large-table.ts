import type { BenchSettings } from '../cli/bench-settings';
import { runNodeScript } from '../child/run-node-script';
import { BenchError } from '../errors';
import type { Figure } from '../report/figure';
import type { BenchEnvironment } from '../sandbox/bench-environment';
import { findWorkerPids } from '../sandbox/find-worker-pids';
import { readPeakRss } from '../sandbox/read-peak-rss';
import { requireFunctions } from '../sandbox/require-functions';
import { median } from '../stats/median';
import { expectOk } from './expect-ok';
import { PAGED_READ_MARKER, pagedReadScript } from './paged-read-script';

const SECTION = '5 large table';

interface SizeResult {
  readerItemsPerSecond: number;
  rawItemsPerSecond: number;
  ratio: number;
  peakRssMb: number;
}

interface PagedReads {
  api: { ms: number; pages: number };
  raw: { ms: number; pages: number };
}

/** The reader's warm worker (sequential requests reuse one); its peak RSS so far. */
function readerPeakRss(functionName: string): number {
  const pids = findWorkerPids(functionName);
  if (pids.length === 0) throw new BenchError('WorkerFailed', `no worker process of ${functionName} found`);
  return Math.max(...pids.map(readPeakRss));
}

async function measureSize(
  env: BenchEnvironment,
  settings: BenchSettings,
  workspaceRoot: string,
  size: number,
  log: (m: string) => void,
): Promise<SizeResult> {
  const reader = requireFunctions(env).reader;
  await env.seedTo(size);
  const access = await env.accessCredentials();
  const readerRates: number[] = [];
  const rawRates: number[] = [];
  const ratios: number[] = [];
  let peakRssMb = 0;
  for (let round = 0; round < settings.largeRounds; round++) {
    // A fresh worker per round, so its peak RSS belongs to this table size alone; one small request starts it.
    await reader.retireWorkers();
    expectOk(await env.caller.get(`${reader.itemsUrl}?limit=1`), 'reader warm-up');
    const config = {
      itemsUrl: reader.itemsUrl,
      caller: env.callerCredentials,
      access,
      endpoint: env.endpoint,
      region: env.stage.target.region,
      tableName: env.stage.table.name,
      keyName: env.stage.table.partitionKey.name,
      limit: settings.largePageLimit,
      expected: size,
      order: round % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'],
    };
    const reads = (await runNodeScript({
      what: `paged read of ${size} items`,
      script: pagedReadScript,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        BENCH_CONFIG: JSON.stringify(config),
      },
      cwd: workspaceRoot,
      marker: PAGED_READ_MARKER,
    })) as PagedReads;
    peakRssMb = Math.max(peakRssMb, readerPeakRss(reader.functionName));
    readerRates.push((size / reads.api.ms) * 1000);
    rawRates.push((size / reads.raw.ms) * 1000);
    // Items/s of the API over items/s of the raw Scan, same item count: raw time over API time.
    ratios.push(reads.raw.ms / reads.api.ms);
    log(
      `large table: ${size} items, round ${round + 1}: API ${reads.api.ms.toFixed(0)} ms (${reads.api.pages} pages), raw ${reads.raw.ms.toFixed(0)} ms, worker peak RSS ${peakRssMb.toFixed(0)} MB`,
    );
  }
  return {
    readerItemsPerSecond: median(readerRates),
    rawItemsPerSecond: median(rawRates),
    ratio: median(ratios),
    peakRssMb,
  };
}

/**
 * #5: read a large table completely through the paged API (limit 1000) vs a raw paged Scan on the same endpoint,
 * both from a client process of their own, and the reader worker's peak RSS; the same on a 10x smaller table shows
 * whether memory grows with table size.
 */
export async function measureLargeTable(
  env: BenchEnvironment,
  settings: BenchSettings,
  workspaceRoot: string,
  log: (m: string) => void,
): Promise<Figure[]> {
  const small = await measureSize(env, settings, workspaceRoot, settings.smallItems, log);
  const large = await measureSize(env, settings, workspaceRoot, settings.largeItems, log);
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
        meaning: 'fits the 256 MB function: each page is returned, never collected',
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
        meaning: 'memory does not grow with table size (holding 10x the items would add ~100 MB)',
      },
    },
  ];
}
