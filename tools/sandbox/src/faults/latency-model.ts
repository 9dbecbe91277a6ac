import type { Socket } from 'node:net';
import type { FaultService } from './fault-definition';

/** `none`: answers as fast as the sandbox can; `aws`: in-region AWS-like delays (a model, see the README). */
export type LatencyMode = 'none' | 'aws';

export const LATENCY_MODES: readonly LatencyMode[] = ['none', 'aws'];

/** [min, max] ms added before the service answers, per service and action (`*`: the service's other actions). */
const REQUEST_MS: Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>> = {
  sts: { AssumeRole: [15, 30], '*': [8, 15] },
  dynamodb: {
    GetItem: [3, 8],
    BatchGetItem: [4, 10],
    Query: [4, 8],
    Scan: [4, 8],
    PutItem: [5, 10],
    UpdateItem: [5, 10],
    DeleteItem: [5, 10],
    BatchWriteItem: [8, 15],
    '*': [10, 25],
  },
};
/** A Scan or Query page costs this much more per KB returned: a full 1 MB page adds about 50 ms. */
const PAGE_MS_PER_KB = 0.05;
/** The one-off cost of a new TCP connection, standing in for the TLS handshake AWS endpoints need. */
const NEW_CONNECTION_MS: readonly [number, number] = [10, 20];

/** How often the model delayed requests of one kind, and by how much in total. */
export interface LatencyAdded {
  requests: number;
  ms: number;
}

/**
 * AWS-like delays by service, action, page size and connection reuse; all zero in mode `none`. It keeps account
 * of what it added (`added()`, `stats`), so a run can tell the model's share of its time from the sandbox's own.
 */
export class LatencyModel {
  private readonly seen = new WeakSet<Socket>();
  private readonly totals = new Map<string, LatencyAdded>();

  constructor(
    readonly mode: LatencyMode,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the service works on a request. */
  requestDelayMs(service: FaultService, action: string): number {
    if (this.mode === 'none') return 0;
    const perAction = REQUEST_MS[service];
    const range = perAction?.[action] ?? perAction?.['*'];
    return range === undefined ? 0 : this.record(`${service}:${action}`, this.draw(range));
  }

  /** Whether the answer's size adds time (Scan and Query pages). */
  sizesResponse(service: FaultService, action: string): boolean {
    return this.mode === 'aws' && service === 'dynamodb' && (action === 'Scan' || action === 'Query');
  }

  /** The extra delay of a Scan or Query page of `bytes`. */
  responseDelayMs(bytes: number): number {
    return this.mode === 'none' ? 0 : this.record('dynamodb:page size', (bytes / 1024) * PAGE_MS_PER_KB);
  }

  /** The handshake cost, once per connection (the first request on `socket`). */
  connectionDelayMs(socket: Socket | null): number {
    if (this.mode === 'none' || socket === null || this.seen.has(socket)) return 0;
    this.seen.add(socket);
    return this.record('new connection', this.draw(NEW_CONNECTION_MS));
  }

  /** What the model added so far, by `<service>:<action>`, `dynamodb:page size` and `new connection`. */
  added(): Record<string, LatencyAdded> {
    return Object.fromEntries([...this.totals].map(([key, total]) => [key, { ...total }]));
  }

  private record(key: string, ms: number): number {
    const total = this.totals.get(key) ?? { requests: 0, ms: 0 };
    total.requests += 1;
    total.ms += ms;
    this.totals.set(key, total);
    return ms;
  }

  private draw([min, max]: readonly [number, number]): number {
    return min + (max - min) * this.random();
  }
}
