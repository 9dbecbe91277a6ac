import { requireFunctions } from '../sandbox/require-functions';
import type { BenchSettings } from '../cli/bench-settings';
import type { Figure } from '../report/figure';
import type { BenchEnvironment, BenchFunction } from '../sandbox/bench-environment';
import { latencySummary, type LatencySummary } from '../stats/latency-summary';
import { median } from '../stats/median';
import { medianOfRounds } from '../stats/median-of-rounds';
import { pairwiseRatio } from '../stats/pairwise-ratio';
import { spreadOf } from '../stats/spread';
import { expectOk } from './expect-ok';

const SECTION = '2 warm latency';

interface Variant {
  /** Key in the figure ids, e.g. `latency.api.resourcePolicy.p50`. */
  readonly key: 'reader' | 'classic' | 'resourcePolicy';
  readonly label: string;
  readonly fn: BenchFunction;
  readonly rounds: LatencySummary[];
  samples: number[];
}

/**
 * #2 (API part): `GET /items?limit=100` through the sandbox's API Gateway, the reader (assume-role), the classic and,
 * when deployed, the reader in resource-policy mode, interleaved request by request (rotating which goes first), in
 * rounds; each round gives p50/p95/p99 per variant and pairwise ratios.
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
  const { reader, classic } = requireFunctions(env);
  const variant = (key: Variant['key'], label: string, fn: BenchFunction): Variant => ({
    key,
    label,
    fn,
    rounds: [],
    samples: [],
  });
  const variants = [
    variant('reader', 'reader', reader),
    variant('classic', 'classic', classic),
    ...(env.resourcePolicy === null
      ? []
      : [variant('resourcePolicy', 'reader (resource-policy)', env.resourcePolicy.reader)]),
  ];
  const get = async (v: Variant) => expectOk(await env.caller.get(`${v.fn.itemsUrl}?limit=100`), v.label).ms;
  log(
    `warm latency${at}: ${settings.latencyRounds} rounds x ${pairs} interleaved requests per variant through the API`,
  );
  for (let i = 0; i < settings.warmupRequests; i++) for (const v of variants) await get(v);
  const ratios = { readerOverClassic: [] as number[], resourcePolicyOverReader: [] as number[] };
  for (let round = 0; round < settings.latencyRounds; round++) {
    for (const v of variants) v.samples = [];
    for (let i = 0; i < pairs; i++) {
      // Each variant goes first in turn, so none always follows another's (or its own) request.
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(i + k) % variants.length] as Variant;
        v.samples.push(await get(v));
      }
    }
    for (const v of variants) v.rounds.push(latencySummary(v.samples));
    const [r, c, rp] = variants;
    if (r && c) ratios.readerOverClassic.push(pairwiseRatio(r.samples, c.samples));
    if (r && rp) ratios.resourcePolicyOverReader.push(pairwiseRatio(rp.samples, r.samples));
  }
  const rows: Figure[] = [];
  for (const v of variants) {
    const summary = medianOfRounds(v.rounds);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      rows.push({
        id: `${id}.${v.key}.${p}`,
        section: SECTION,
        label: `${v.label} via API${at}, GET /items?limit=100, ${p}`,
        value: summary[p],
        unit: 'ms',
      });
    }
  }
  rows.push({
    id: `${id}.readerOverClassic`,
    section: SECTION,
    label: `reader / classic via API${at} (pairwise, p50 over rounds)`,
    value: median(ratios.readerOverClassic),
    spread: spreadOf(ratios.readerOverClassic),
    unit: 'x',
  });
  rows.push({
    id: `${id}.resourcePolicyOverReader`,
    section: SECTION,
    label: `reader resource-policy / assume-role via API${at} (pairwise, p50 over rounds)`,
    ...(env.resourcePolicy === null
      ? { value: null, note: env.resourcePolicyUnavailable ?? 'the resource-policy stage is not deployed' }
      : { value: median(ratios.resourcePolicyOverReader), spread: spreadOf(ratios.resourcePolicyOverReader) }),
    unit: 'x',
  });
  return rows;
}
