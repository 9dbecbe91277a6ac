/** Request counts per service and action, e.g. `{ sts: { AssumeRole: 1 }, dynamodb: { Scan: 12 } }`. */
export type CounterSnapshot = Record<string, Record<string, number>>;

/** Counts requests per service and action, so tests and benchmarks can assert how often something was called. */
export class Counters {
  private counts: CounterSnapshot = {};

  increment(service: string, action: string, by = 1): void {
    const perService = (this.counts[service] ??= {});
    perService[action] = (perService[action] ?? 0) + by;
  }

  /** A copy of the current counts. */
  snapshot(): CounterSnapshot {
    return structuredClone(this.counts);
  }

  /** The count of one action (0 when never called). */
  get(service: string, action: string): number {
    return this.counts[service]?.[action] ?? 0;
  }

  reset(): void {
    this.counts = {};
  }
}
