/** How much each measurement does; the quick mode keeps CI under 2 minutes, the full run under 15 on 2 cores. */
export interface BenchSettings {
  /** #1: warm requests per variant over which upstream calls are counted. */
  readonly callsRequests: number;
  /** #2: rounds (each gives p50/p95/p99; the table shows the median per percentile) and requests per side and round. */
  readonly latencyRounds: number;
  readonly latencyRequestsPerRound: number;
  /** The same at `aws` latency, where a classic request costs ~100 ms more: fewer pairs keep the run short. */
  readonly awsLatencyRequestsPerRound: number;
  /** Requests thrown away before measuring (JIT, keep-alive sockets, credential caches). */
  readonly warmupRequests: number;
  /** #3: fresh processes per variant (bundled, unbundled), taken in alternating pairs. */
  readonly coldStartProcesses: number;
  /** #3, access modes: cold-start pairs (assume-role, resource-policy) through the API per round (`latencyRounds`). */
  readonly firstRequestPairs: number;
  /** #4: concurrent first requests into one fresh worker, and how many fresh workers. */
  readonly concurrentFirstRequests: number;
  readonly concurrencyRepeats: number;
  /** #5: the large table (read `largeRounds` times, four ways) and the smaller one (read once) for memory growth. */
  readonly largeItems: number;
  readonly smallItems: number;
  readonly largePageLimit: number;
  readonly largeRounds: number;
  /** #5, parallel export: rounds of the large table exported with 1, 2 and 4 segments and read by a raw Scan. */
  readonly exportRounds: number;
  /** #6: Scan(Limit 100) pairs through the IAM front vs straight to dynalite. */
  readonly overheadPairs: number;
}

export function benchSettings(quick: boolean): BenchSettings {
  return quick
    ? {
        callsRequests: 200,
        latencyRounds: 3,
        latencyRequestsPerRound: 100,
        awsLatencyRequestsPerRound: 40,
        warmupRequests: 10,
        coldStartProcesses: 10,
        firstRequestPairs: 4,
        concurrentFirstRequests: 50,
        concurrencyRepeats: 1,
        largeItems: 10_000,
        smallItems: 2_500,
        largePageLimit: 1000,
        largeRounds: 3,
        exportRounds: 3,
        overheadPairs: 100,
      }
    : {
        callsRequests: 1000,
        latencyRounds: 5,
        latencyRequestsPerRound: 200,
        awsLatencyRequestsPerRound: 100,
        warmupRequests: 30,
        coldStartProcesses: 15,
        firstRequestPairs: 10,
        concurrentFirstRequests: 50,
        concurrencyRepeats: 3,
        largeItems: 100_000,
        smallItems: 10_000,
        largePageLimit: 1000,
        largeRounds: 5,
        exportRounds: 3,
        overheadPairs: 400,
      };
}
