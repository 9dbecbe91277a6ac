import type { ActiveFault, FaultDefinition, FaultService } from './fault-definition';
import { parseFaultDefinition } from './parse-fault-definition';
import { seededRandom } from './seeded-random';

/** What one request meets: the added delay, and the fault that answers it instead of the service, if any. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly fault?: { readonly id: string; readonly kind: 'hang' | 'error' | 'reset'; readonly error?: string };
}

/** The fault operations tests and tools use (`sandbox.faults`). */
export interface SandboxFaults {
  /** @throws SandboxFaultError (code `InvalidFault`) naming the bad field. */
  add(definition: FaultDefinition): { id: string };
  list(): ActiveFault[];
  /** Removes one fault; a hang's held connections are closed. False when no such fault. */
  remove(id: string): boolean;
  /** Removes every fault; returns how many there were. */
  clear(): number;
}

interface Entry {
  readonly id: string;
  readonly definition: FaultDefinition;
  readonly random: () => number;
  fired: number;
  remaining: number | undefined;
  /** Releases of the connections (or invocations) a hang holds. */
  readonly held: Set<() => void>;
}

/**
 * The faults in force, in memory only (never in --data-dir). Requests ask `decide()`: every matching `latency`
 * fault adds its delay, and the oldest matching `hang`, `error` or `reset` fault answers instead of the service.
 */
export class FaultInjector implements SandboxFaults {
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;

  /** `log` gets a line per fault added or removed (the serve console shows what is active). */
  constructor(private readonly log: (line: string) => void = () => undefined) {}

  /** True when no fault can match (the hot path skips all fault work then). */
  get idle(): boolean {
    return this.entries.size === 0;
  }

  add(definition: FaultDefinition): { id: string } {
    const parsed = parseFaultDefinition(definition);
    const id = `fault-${this.nextId++}`;
    this.entries.set(id, {
      id,
      definition: parsed,
      random: seededRandom(parsed.seed ?? Math.floor(Math.random() * 2 ** 32)),
      fired: 0,
      remaining: parsed.count,
      held: new Set(),
    });
    this.log(`[sandbox] fault ${id} added: ${JSON.stringify(parsed)}`);
    return { id };
  }

  list(): ActiveFault[] {
    return [...this.entries.values()].map((entry) => ({
      ...entry.definition,
      id: entry.id,
      fired: entry.fired,
      ...(entry.remaining === undefined ? {} : { remaining: entry.remaining }),
      held: entry.held.size,
    }));
  }

  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.entries.delete(id);
    for (const release of [...entry.held]) release();
    this.log(`[sandbox] fault ${id} removed (fired ${entry.fired}, released ${entry.held.size} held)`);
    entry.held.clear();
    return true;
  }

  clear(): number {
    const ids = [...this.entries.keys()];
    for (const id of ids) this.remove(id);
    return ids.length;
  }

  /**
   * Draws the faults for one request. `account` is asked only when a matching fault names an account
   * (finding it may mean parsing the body).
   */
  decide(service: FaultService, action: string, account: () => string | undefined): FaultDecision | undefined {
    if (this.entries.size === 0) return undefined;
    let delayMs = 0;
    let answered: FaultDecision['fault'];
    let resolvedAccount: string | undefined | null = null;
    for (const entry of this.entries.values()) {
      const { definition } = entry;
      if (definition.service !== service || entry.remaining === 0) continue;
      if (definition.action !== undefined && definition.action !== action) continue;
      if (definition.kind !== 'latency' && answered !== undefined) continue;
      if (definition.account !== undefined) {
        if (resolvedAccount === null) resolvedAccount = account();
        if (resolvedAccount !== definition.account) continue;
      }
      if (definition.probability !== undefined && entry.random() >= definition.probability) continue;
      entry.fired += 1;
      if (entry.remaining !== undefined) entry.remaining -= 1;
      delayMs += (definition.ms ?? 0) + (definition.jitterMs ?? 0) * entry.random();
      if (definition.kind !== 'latency')
        answered = {
          id: entry.id,
          kind: definition.kind,
          ...(definition.error === undefined ? {} : { error: definition.error }),
        };
      // A hang is dropped once it holds nothing (see hold), not before it held its connection.
      if (definition.kind !== 'hang') this.dropIfSpent(entry);
    }
    return answered === undefined && delayMs === 0
      ? undefined
      : { delayMs, ...(answered === undefined ? {} : { fault: answered }) };
  }

  /**
   * Records a connection (or invocation) a hang fault holds; `release` runs when the fault is removed.
   * Returns the call to make when the client gives up first. A fault already removed releases at once.
   */
  hold(id: string, release: () => void): () => void {
    const entry = this.entries.get(id);
    if (entry === undefined) {
      release();
      return () => undefined;
    }
    entry.held.add(release);
    return () => {
      entry.held.delete(release);
      this.dropIfSpent(entry);
    };
  }

  /** A fault whose `count` is used up expires, once it holds no connection any more. */
  private dropIfSpent(entry: Entry): void {
    if (entry.remaining === 0 && entry.held.size === 0) this.entries.delete(entry.id);
  }
}
