import { statSync } from 'node:fs';
import type { BenchSettings } from '../cli/bench-settings';
import type { Figure } from '../report/figure';
import { itemsEvent } from '../scenarios/items-event';
import { median } from '../stats/median';
import { pairwiseRatio } from '../stats/pairwise-ratio';
import { runColdStartProbe } from './run-cold-start-probe';

const SECTION = '3 cold start';
/** Issue 3's budget for the reader bundle (minified, SDK included). */
const BUNDLE_BUDGET_BYTES = 450 * 1024;

export interface ColdStartInput {
  readonly settings: BenchSettings;
  readonly readerBundle: string;
  readonly unbundledReader: string;
  readonly classicBundle: string;
  /** The reader's Lambda environment without credentials (enough to import: the env is parsed at init). */
  readonly importEnv: Record<string, string>;
  /** The same plus execution-role credentials and sandbox endpoints; null when no sandbox is available. */
  readonly firstRequestEnv: Record<string, string> | null;
  readonly unavailableReason?: string;
  readonly log: (message: string) => void;
}

/** Runs one probe per variant, in alternating order so neither always benefits from a warmer page cache. */
async function pairs(
  count: number,
  run: (variant: 'bundled' | 'unbundled') => Promise<number>,
): Promise<{ bundled: number[]; unbundled: number[] }> {
  const bundled: number[] = [];
  const unbundled: number[] = [];
  // One untimed pair first: the first process after a build pays for reading the files from disk.
  await run('bundled');
  await run('unbundled');
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      bundled.push(await run('bundled'));
      unbundled.push(await run('unbundled'));
    } else {
      unbundled.push(await run('unbundled'));
      bundled.push(await run('bundled'));
    }
  }
  return { bundled, unbundled };
}

/** #3: bundle size, import time and time to the first response in fresh processes, bundled vs SDK from node_modules. */
export async function measureColdStart(input: ColdStartInput): Promise<Figure[]> {
  const { settings } = input;
  const count = settings.coldStartProcesses;
  const figures: Figure[] = [
    {
      id: 'coldStart.readerBundleBytes',
      section: SECTION,
      label: 'reader bundle size (minified ESM, SDK included)',
      value: statSync(input.readerBundle).size,
      unit: 'B',
      budget: {
        max: BUNDLE_BUDGET_BYTES,
        inclusive: true,
        meaning: 'issue 3 budget: 450 KiB; less code to load at init',
      },
    },
    {
      id: 'coldStart.classicBundleBytes',
      section: SECTION,
      label: 'classic bundle size (same build, baseline)',
      value: statSync(input.classicBundle).size,
      unit: 'B',
    },
  ];

  input.log(`cold start: ${count} fresh processes per variant, import only`);
  const imports = await pairs(count, async (variant) => {
    const modulePath = variant === 'bundled' ? input.readerBundle : input.unbundledReader;
    return (await runColdStartProbe({ modulePath, env: input.importEnv })).importMs;
  });
  figures.push(
    {
      id: 'coldStart.importBundledMs',
      section: SECTION,
      label: `import bundle, fresh process (median of ${count})`,
      value: median(imports.bundled),
      unit: 'ms',
    },
    {
      id: 'coldStart.importUnbundledMs',
      section: SECTION,
      label: `import with SDK from node_modules (median of ${count})`,
      value: median(imports.unbundled),
      unit: 'ms',
    },
    {
      id: 'coldStart.importRatio',
      section: SECTION,
      label: 'import: bundle / node_modules (pairwise median)',
      value: pairwiseRatio(imports.bundled, imports.unbundled),
      unit: 'x',
    },
  );

  if (input.firstRequestEnv === null) {
    const note = input.unavailableReason ?? 'no sandbox';
    for (const [id, label] of [
      ['coldStart.firstRequestBundledMs', 'import + first GET /items, bundle'],
      ['coldStart.firstRequestUnbundledMs', 'import + first GET /items, node_modules'],
      ['coldStart.firstRequestRatio', 'first request: bundle / node_modules'],
    ] as const) {
      figures.push({ id, section: SECTION, label, value: null, unit: id.endsWith('Ratio') ? 'x' : 'ms', note });
    }
    return figures;
  }

  const env = input.firstRequestEnv;
  input.log(`cold start: ${count} fresh processes per variant, import + first GET /items?limit=100`);
  const first = await pairs(count, async (variant) => {
    const modulePath = variant === 'bundled' ? input.readerBundle : input.unbundledReader;
    const result = await runColdStartProbe({ modulePath, env, event: itemsEvent({ limit: '100' }) });
    if (result.statusCode !== 200 || result.firstRequestMs === null) {
      throw new Error(`cold-start first request (${variant}) answered ${String(result.statusCode)}, expected 200`);
    }
    return result.firstRequestMs;
  });
  figures.push(
    {
      id: 'coldStart.firstRequestBundledMs',
      section: SECTION,
      label: `import + first GET /items, bundle (median of ${count})`,
      value: median(first.bundled),
      unit: 'ms',
    },
    {
      id: 'coldStart.firstRequestUnbundledMs',
      section: SECTION,
      label: `import + first GET /items, node_modules (median of ${count})`,
      value: median(first.unbundled),
      unit: 'ms',
    },
    {
      id: 'coldStart.firstRequestRatio',
      section: SECTION,
      label: 'first request: bundle / node_modules (pairwise median)',
      value: pairwiseRatio(first.bundled, first.unbundled),
      unit: 'x',
    },
  );
  return figures;
}
