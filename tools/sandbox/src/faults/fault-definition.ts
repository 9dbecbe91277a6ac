/** The services a fault can target: the HTTP fronts (sts, dynamodb, execute-api) and API Gateway's Lambda invoke. */
export type FaultService = 'sts' | 'dynamodb' | 'execute-api' | 'lambda';

/**
 * - `latency`: delay before answering (`ms` + up to `jitterMs`);
 * - `hang`: accept the request and never answer, until the client gives up or the fault is removed;
 * - `reset`: destroy the connection mid-request (the client sees ECONNRESET);
 * - `error`: answer with `error`, exactly as that service does.
 */
export type FaultKind = 'latency' | 'hang' | 'error' | 'reset';

/** What to inject where; the admin API, the CLI and `sandbox.faults.add` take the same shape. */
export interface FaultDefinition {
  readonly service: FaultService;
  /** Only this action (`AssumeRole`, `GetItem`, `Scan`, `Invoke`...); every action when absent. */
  readonly action?: string;
  /** Only requests for resources this account owns (the role, the table, the API, the function). */
  readonly account?: string;
  readonly kind: FaultKind;
  /** Delay in ms: the latency itself, or a wait before the other kinds act. @default 0 */
  readonly ms?: number;
  /** Up to this many ms more, drawn per request. @default 0 */
  readonly jitterMs?: number;
  /** For `error`: an AWS error code of that service (`ThrottlingException`, `Throttling`...). */
  readonly error?: string;
  /** Applies to the next `count` matching requests, then expires. @default unlimited */
  readonly count?: number;
  /** Applies to this share (0..1) of matching requests. @default 1 */
  readonly probability?: number;
  /** Seeds the draws of `probability` and `jitterMs`, so a run can be replayed. @default random */
  readonly seed?: number;
}

/** A fault in force: its definition, id and how often it fired (and, with `count`, how many remain). */
export interface ActiveFault extends FaultDefinition {
  readonly id: string;
  readonly fired: number;
  readonly remaining?: number;
  /** Connections a `hang` holds right now. */
  readonly held: number;
}
