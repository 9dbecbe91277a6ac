import { median } from './median';
import type { LatencySummary } from './latency-summary';

/** The per-percentile median over rounds: each figure in the table is a median over repeated runs. */
export function medianOfRounds(rounds: readonly LatencySummary[]): LatencySummary {
  return {
    count: rounds.reduce((sum, round) => sum + round.count, 0),
    p50: median(rounds.map((round) => round.p50)),
    p95: median(rounds.map((round) => round.p95)),
    p99: median(rounds.map((round) => round.p99)),
  };
}
