import { requireFunctions } from '../sandbox/require-functions';
import type { BenchSettings } from '../cli/bench-settings';
import type { Figure } from '../report/figure';
import type { BenchEnvironment } from '../sandbox/bench-environment';
import { latencySummary, type LatencySummary } from '../stats/latency-summary';
import { median } from '../stats/median';
import { medianOfRounds } from '../stats/median-of-rounds';
import { pairwiseRatio } from '../stats/pairwise-ratio';
import { spreadOf } from '../stats/spread';
import { expectOk } from './expect-ok';

const SECTION = '2 warm latency';

/**
 * #2 (API part): `GET /items?limit=100` through the sandbox's API Gateway, reader and classic interleaved request
 * by request (alternating which goes first), in rounds; each round gives p50/p95/p99 per side and a pairwise ratio.
 */
export async function measureApiLatency(
  env: BenchEnvironment,
  settings: BenchSettings,
  log: (m: string) => void,
  latency: 'none' | 'aws' = 'none',
): Promise<Figure[]> {
  // Figures of the `aws` latency model sit next to the plain ones, under ids and labels of their own.
  const id = latency === 'none' ? 'latency.api' : `latency.api.${latency}`;
  const at = latency === 'none' ? '' : ` at ${latency} latency`;
  const pairs = latency === 'none' ? settings.latencyRequestsPerRound : settings.awsLatencyRequestsPerRound;
  const { reader: readerFn, classic: classicFn } = requireFunctions(env);
  const readerUrl = `${readerFn.itemsUrl}?limit=100`;
  const classicUrl = `${classicFn.itemsUrl}?limit=100`;
  log(`warm latency${at}: ${settings.latencyRounds} rounds x ${pairs} interleaved pairs through the API`);
  for (let i = 0; i < settings.warmupRequests; i++) {
    expectOk(await env.caller.get(readerUrl), 'reader warm-up');
    expectOk(await env.caller.get(classicUrl), 'classic warm-up');
  }
  const readerRounds: LatencySummary[] = [];
  const classicRounds: LatencySummary[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < settings.latencyRounds; round++) {
    const reader: number[] = [];
    const classic: number[] = [];
    for (let i = 0; i < pairs; i++) {
      if (i % 2 === 0) {
        reader.push(expectOk(await env.caller.get(readerUrl), 'reader').ms);
        classic.push(expectOk(await env.caller.get(classicUrl), 'classic').ms);
      } else {
        classic.push(expectOk(await env.caller.get(classicUrl), 'classic').ms);
        reader.push(expectOk(await env.caller.get(readerUrl), 'reader').ms);
      }
    }
    readerRounds.push(latencySummary(reader));
    classicRounds.push(latencySummary(classic));
    ratios.push(pairwiseRatio(reader, classic));
  }
  const r = medianOfRounds(readerRounds);
  const c = medianOfRounds(classicRounds);
  const rows: Figure[] = [];
  for (const [name, summary] of [
    ['reader', r],
    ['classic', c],
  ] as const) {
    for (const p of ['p50', 'p95', 'p99'] as const) {
      rows.push({
        id: `${id}.${name}.${p}`,
        section: SECTION,
        label: `${name} via API${at}, GET /items?limit=100, ${p}`,
        value: summary[p],
        unit: 'ms',
      });
    }
  }
  rows.push({
    id: `${id}.readerOverClassic`,
    section: SECTION,
    label: `reader / classic via API${at} (pairwise, p50 over rounds)`,
    value: median(ratios),
    spread: spreadOf(ratios),
    unit: 'x',
  });
  return rows;
}
