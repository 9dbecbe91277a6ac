import type { BenchSettings } from '../cli/bench-settings';
import type { Figure } from '../report/figure';
import type { BenchEnvironment, BenchFunction } from '../sandbox/bench-environment';
import { requireFunctions } from '../sandbox/require-functions';
import { median } from '../stats/median';
import { pairwiseRatio } from '../stats/pairwise-ratio';
import { spreadOf } from '../stats/spread';
import { expectOk } from './expect-ok';

const SECTION = '3 cold start';

/**
 * #3, access modes: the first `GET /items?limit=100` through the API after a cold start (the sandbox's workers
 * retired: a new process imports the bundle, and the assume-role reader calls AssumeRole before its Scan), the
 * reader in assume-role and in resource-policy mode in alternating pairs, in rounds; the table shows the median of
 * the per-round medians and of the per-round pairwise ratios, with their range.
 */
export async function measureFirstRequest(
  env: BenchEnvironment,
  settings: BenchSettings,
  log: (m: string) => void,
  latency: 'none' | 'aws' = 'none',
): Promise<Figure[]> {
  const id = latency === 'none' ? 'coldStart.api' : `coldStart.api.${latency}`;
  const at = latency === 'none' ? '' : ` at ${latency} latency`;
  const ratioRow = (value: Pick<Figure, 'value' | 'spread' | 'note'>): Figure => ({
    id: `${id}.resourcePolicyOverReader`,
    section: SECTION,
    label: `first request after a cold start via API${at}: resource-policy / assume-role (pairwise, median of rounds)`,
    unit: 'x',
    ...value,
  });
  if (env.resourcePolicy === null) {
    return [
      ratioRow({ value: null, note: env.resourcePolicyUnavailable ?? 'the resource-policy stage is not deployed' }),
    ];
  }
  const assumeRole = requireFunctions(env).reader;
  const resourcePolicy = env.resourcePolicy.reader;
  const pairs = settings.firstRequestPairs;
  log(
    `first request after a cold start${at}: ${settings.latencyRounds} rounds x ${pairs} pairs (assume-role, resource-policy)`,
  );
  const firstRequest = async (fn: BenchFunction, what: string) => {
    await fn.retireWorkers();
    return expectOk(await env.caller.get(`${fn.itemsUrl}?limit=100`), `${what} first request`).ms;
  };
  const medians = { assumeRole: [] as number[], resourcePolicy: [] as number[] };
  const ratios: number[] = [];
  for (let round = 0; round < settings.latencyRounds; round++) {
    const ar: number[] = [];
    const rp: number[] = [];
    for (let i = 0; i < pairs; i++) {
      // Alternating which goes first, so neither always starts on a machine the other has just warmed.
      if ((round + i) % 2 === 0) {
        ar.push(await firstRequest(assumeRole, 'assume-role reader'));
        rp.push(await firstRequest(resourcePolicy, 'resource-policy reader'));
      } else {
        rp.push(await firstRequest(resourcePolicy, 'resource-policy reader'));
        ar.push(await firstRequest(assumeRole, 'assume-role reader'));
      }
    }
    medians.assumeRole.push(median(ar));
    medians.resourcePolicy.push(median(rp));
    ratios.push(pairwiseRatio(rp, ar));
  }
  const msRow = (key: keyof typeof medians, mode: string): Figure => ({
    id: `${id}.${key}.firstRequestMs`,
    section: SECTION,
    label: `first request after a cold start via API${at}, reader (${mode}), median`,
    value: median(medians[key]),
    spread: spreadOf(medians[key]),
    unit: 'ms',
  });
  return [
    msRow('assumeRole', 'assume-role'),
    msRow('resourcePolicy', 'resource-policy'),
    ratioRow({ value: median(ratios), spread: spreadOf(ratios) }),
  ];
}
