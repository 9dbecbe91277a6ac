import type { BenchSettings } from '../cli/bench-settings';
import { runNodeScript } from '../child/run-node-script';
import type { Figure } from '../report/figure';
import type { BenchEnvironment } from '../sandbox/bench-environment';
import { requireFunctions } from '../sandbox/require-functions';
import { workerPeakRss } from '../sandbox/worker-peak-rss';
import { median } from '../stats/median';
import { spreadOf } from '../stats/spread';
import { PARALLEL_EXPORT_MARKER, parallelExportScript } from './parallel-export-script';

const SECTION = '5 large table';
/** The issue's segment counts: the export's `--segments 1|2|4`. */
export const EXPORT_SEGMENTS = [1, 2, 4] as const;
/** The issue's goal for 4 segments: at least the items/s of a single-threaded raw Scan. Shown, not gated. */
const FOUR_SEGMENT_GOAL = 1.0;

export interface ParallelExportInput {
  readonly env: BenchEnvironment;
  readonly settings: BenchSettings;
  readonly workspaceRoot: string;
  readonly log: (message: string) => void;
}

type Mode = 'raw' | `segments-${(typeof EXPORT_SEGMENTS)[number]}`;
type Round = Record<Mode, { ms: number; pages: number; peakRssMb?: number }>;

const MODES: readonly Mode[] = ['raw', ...EXPORT_SEGMENTS.map((k) => `segments-${k}` as const)];

/**
 * #5, parallel export: the large table exported through the API with 1, 2 and 4 segments (one page loop per
 * segment, as `npm run read -- export` does) against a single-threaded raw paged Scan with the same page size, in
 * rotating order per round, from a client process of its own; the reader workers' peak RSS per segment count.
 */
export async function measureParallelExport(input: ParallelExportInput): Promise<Figure[]> {
  const { env, settings } = input;
  const reader = requireFunctions(env).reader;
  const size = settings.largeItems;
  await env.seedTo(size);
  const access = await env.accessCredentials();
  const rounds: Round[] = [];
  for (let round = 0; round < settings.exportRounds; round++) {
    const order = MODES.map((_, i) => MODES[(i + round) % MODES.length]);
    const config = {
      baseUrl: reader.itemsUrl.replace(/\/items$/, ''),
      caller: env.callerCredentials,
      access,
      endpoint: env.endpoint,
      region: env.stage.target.region,
      tableName: env.stage.table.name,
      keyName: env.stage.table.partitionKey.name,
      limit: settings.largePageLimit,
      expected: size,
      order,
      // Fresh workers before each segment count's first read, so its peak RSS is its own (VmHWM only grows).
      measureRss: round === 0,
    };
    const result = (await runNodeScript({
      what: `parallel export of ${size} items`,
      script: parallelExportScript,
      tsx: true,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', BENCH_CONFIG: JSON.stringify(config) },
      cwd: input.workspaceRoot,
      marker: PARALLEL_EXPORT_MARKER,
      serve: async (request) => {
        const { op } = request as { op: 'retire' | 'peakRss' };
        if (op === 'retire') return reader.retireWorkers();
        return workerPeakRss(reader.functionName);
      },
    })) as Round;
    rounds.push(result);
    input.log(
      `parallel export: ${size} items, round ${round + 1}/${settings.exportRounds}: ${MODES.map((m) => `${m} ${result[m].ms.toFixed(0)} ms`).join(', ')}`,
    );
  }
  const n = size.toLocaleString('en-US');
  const overRounds = (values: number[]) => ({ value: median(values), spread: spreadOf(values) });
  const itemsPerSecond = (mode: Mode) => overRounds(rounds.map((r) => (size / r[mode].ms) * 1000));
  return [
    {
      id: 'export.raw.itemsPerSecond',
      section: SECTION,
      label: `${n} items, raw paged Scan(Limit ${settings.largePageLimit}), single-threaded`,
      ...itemsPerSecond('raw'),
      unit: 'items/s',
    },
    ...EXPORT_SEGMENTS.flatMap((k): Figure[] => {
      const mode: Mode = `segments-${k}`;
      const goal = k === 4 ? `; goal >= ${FOUR_SEGMENT_GOAL.toFixed(1)}x` : '';
      return [
        {
          id: `export.segments${k}.itemsPerSecond`,
          section: SECTION,
          label: `${n} items exported via API, ${k === 1 ? '1 segment' : `${k} segments in parallel`}`,
          ...itemsPerSecond(mode),
          unit: 'items/s',
        },
        {
          id: `export.segments${k}OverRaw`,
          section: SECTION,
          label: `export ${k} segment${k === 1 ? '' : 's'} / raw Scan items/s (pairwise, median of rounds${goal})`,
          ...overRounds(rounds.map((r) => r.raw.ms / r[mode].ms)),
          unit: 'x',
        },
      ];
    }),
    ...EXPORT_SEGMENTS.map(
      (k): Figure => ({
        id: `export.segments${k}.peakRssMb`,
        section: SECTION,
        label: `reader worker peak RSS, export with ${k} segment${k === 1 ? '' : 's'} (busiest worker, first round)`,
        value: rounds[0]?.[`segments-${k}`].peakRssMb ?? null,
        unit: 'MB',
        budget: { max: 256, inclusive: false, meaning: 'fits the 256 MB function while pages stream through' },
      }),
    ),
  ];
}
