import { randomUUID } from 'node:crypto';
import { LambdaServiceError } from '../errors';
import { buildLambdaEnv } from './build-lambda-env';
import { LambdaWorker, type WorkerOutcome } from './lambda-worker';
import { LogBuffer } from './log-buffer';
import { resolveNodeRuntime } from './resolve-node-runtime';
import type {
  InvokeContext,
  InvokeResult,
  LambdaCounters,
  LambdaCredentials,
  LambdaCredentialsProvider,
  LambdaFunctionConfig,
} from './types';

export interface LambdaFunctionOptions {
  credentials: LambdaCredentialsProvider;
  /** Base URL of the sandbox (STS and DynamoDB), given to the SDK inside the worker. */
  sandboxEndpoint: string;
  /**
   * Most execution environments at once (AWS scales to the account's limit; a laptop should not).
   * Requests beyond it wait for a free worker instead of being throttled.
   * @default 10
   */
  maxConcurrency?: number;
  /** Called with each log line, prefixed with the function name (e.g. to echo to the console). */
  echo?: (line: string) => void;
}

export interface InvokeOptions {
  /** Start from a fresh execution environment (all warm ones are discarded first). */
  cold?: boolean;
  /** Use this request id (API Gateway passes its own); a new UUID otherwise. */
  requestId?: string;
}

/** Lambda's synchronous response limit (6 MB). */
const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** Credentials are refreshed this long before they expire; a worker holding older ones is retired. */
const CREDENTIALS_MARGIN_MS = 5 * 60_000;

/**
 * A deployed function: a pool of warm workers (one invocation each at a time, as in Lambda),
 * created on demand up to `maxConcurrency`, reused most-recently-used first, replaced after a crash,
 * a timeout, a failed init, a redeploy or a `cold` request.
 */
export class LambdaFunction {
  readonly logs = new LogBuffer();
  private config: LambdaFunctionConfig;
  private readonly idle: LambdaWorker[] = [];
  private readonly busy = new Set<LambdaWorker>();
  private starting = 0;
  private readonly waiters: Array<() => void> = [];
  private credentials: Promise<LambdaCredentials> | undefined;
  private generation = 0;
  private readonly workerGeneration = new WeakMap<LambdaWorker, number>();
  private readonly stats: LambdaCounters = { invocations: 0, coldStarts: 0, errors: 0, timeouts: 0, crashes: 0 };
  private stopped = false;
  private maxConcurrency: number | undefined;

  /** `credentials`: the execution role's session if the caller already has one (deploy checks the trust with it). */
  constructor(
    config: LambdaFunctionConfig,
    private readonly options: LambdaFunctionOptions,
    credentials?: LambdaCredentials,
  ) {
    this.config = config;
    if (credentials) this.credentials = Promise.resolve(credentials);
  }

  get name(): string {
    return this.config.functionName;
  }

  get arn(): string {
    return this.config.functionArn;
  }

  get currentConfig(): LambdaFunctionConfig {
    return this.config;
  }

  counters(): LambdaCounters & { warmWorkers: number; busyWorkers: number } {
    return { ...this.stats, warmWorkers: this.idle.length, busyWorkers: this.busy.size };
  }

  /** A redeploy: new code or configuration; running invocations finish on their old worker. */
  update(config: LambdaFunctionConfig, credentials?: LambdaCredentials): void {
    const roleChanged = config.roleArn !== this.config.roleArn;
    this.config = config;
    if (credentials) this.credentials = Promise.resolve(credentials);
    else if (roleChanged) this.credentials = undefined;
    this.retireAll();
  }

  /**
   * Caps this function's execution environments (1 = one worker, requests queue), over the service-wide
   * `maxConcurrency`; undefined restores that default.
   */
  setMaxConcurrency(max: number | undefined): void {
    this.maxConcurrency = max;
    // A raised cap lets queued invocations start workers now.
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Discards every warm worker: the next invocation is a cold start. */
  retireAll(): void {
    this.generation += 1;
    for (const worker of this.idle.splice(0)) void worker.stop();
  }

  async invoke(event: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    if (options.cold) this.retireAll();
    const requestId = options.requestId ?? randomUUID();
    const { worker, cold } = await this.acquire();
    const config = this.config;
    const timeoutSeconds = config.timeoutSeconds ?? 3;
    const memory = config.memorySize ?? 128;
    const context: InvokeContext = {
      awsRequestId: requestId,
      functionName: config.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: config.functionArn,
      memoryLimitInMB: String(memory),
      logGroupName: config.logGroupName ?? `/aws/lambda/${config.functionName}`,
      logStreamName: this.logStreamName(),
      deadlineMs: Date.now() + timeoutSeconds * 1000,
    };
    this.stats.invocations += 1;
    if (cold) this.stats.coldStarts += 1;
    this.log(`START RequestId: ${requestId} Version: $LATEST`);
    const started = performance.now();
    let outcome: WorkerOutcome;
    try {
      outcome = await worker.invoke(event, context, timeoutSeconds * 1000);
    } finally {
      this.release(worker);
    }
    // Like Lambda's REPORT, Duration is the handler's time; the init phase is reported apart.
    const duration = Math.max(0, performance.now() - started - (cold ? (worker.initDurationMs ?? 0) : 0));
    if (outcome.kind === 'timeout') {
      this.log(`${new Date().toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    }
    this.log(`END RequestId: ${requestId}`);
    const init = cold && worker.initDurationMs !== undefined ? `\tInit Duration: ${worker.initDurationMs} ms` : '';
    this.log(
      `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.ceil(duration)} ms\tMemory Size: ${memory} MB${init}`,
    );
    return this.toResult(outcome, requestId, cold, timeoutSeconds);
  }

  /** Stops every worker; pending invocations end as crashes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.generation += 1;
    const all = [...this.idle.splice(0), ...this.busy];
    for (const wake of this.waiters.splice(0)) wake();
    await Promise.all(all.map((worker) => worker.stop()));
  }

  private toResult(outcome: WorkerOutcome, requestId: string, cold: boolean, timeoutSeconds: number): InvokeResult {
    switch (outcome.kind) {
      case 'ok':
        if (Buffer.byteLength(outcome.payload) > MAX_RESPONSE_BYTES) {
          this.stats.errors += 1;
          return {
            kind: 'function-error',
            errorType: 'Function.ResponseSizeTooLarge',
            errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
            requestId,
            cold,
          };
        }
        return { kind: 'ok', payload: outcome.payload, requestId, cold };
      case 'error':
        this.stats.errors += 1;
        return {
          kind: 'function-error',
          errorType: outcome.errorType,
          errorMessage: outcome.errorMessage,
          requestId,
          cold,
        };
      case 'timeout':
        this.stats.errors += 1;
        this.stats.timeouts += 1;
        return {
          kind: 'function-error',
          errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
          requestId,
          cold,
        };
      case 'crash': {
        this.stats.errors += 1;
        this.stats.crashes += 1;
        const why = outcome.signal ? `signal: ${outcome.signal}` : `exit status ${outcome.exitCode ?? 'unknown'}`;
        return {
          kind: 'function-error',
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${why}`,
          requestId,
          cold,
        };
      }
    }
  }

  private async acquire(): Promise<{ worker: LambdaWorker; cold: boolean }> {
    for (;;) {
      if (this.stopped)
        throw new LambdaServiceError('FunctionNotFound', `Function not found: ${this.config.functionArn}`);
      const warm = this.takeIdle();
      if (warm) {
        this.busy.add(warm);
        return { worker: warm, cold: false };
      }
      if (this.busy.size + this.starting < this.capacity()) {
        this.starting += 1;
        try {
          const worker = await this.spawn();
          this.busy.add(worker);
          return { worker, cold: true };
        } catch (error) {
          // The slot this start held is free again: a queued invocation may try its own start.
          this.waiters.shift()?.();
          throw error;
        } finally {
          this.starting -= 1;
        }
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The most recently used healthy worker; stale ones (old generation, expiring credentials) are dropped. */
  private takeIdle(): LambdaWorker | undefined {
    for (;;) {
      const worker = this.idle.pop();
      if (!worker) return undefined;
      if (this.isUsable(worker)) return worker;
      void worker.stop();
    }
  }

  private isUsable(worker: LambdaWorker): boolean {
    return (
      worker.alive &&
      !worker.initFailed &&
      this.workerGeneration.get(worker) === this.generation &&
      worker.credentialsExpireAt.getTime() - Date.now() > CREDENTIALS_MARGIN_MS / 5
    );
  }

  private release(worker: LambdaWorker): void {
    this.busy.delete(worker);
    if (!this.stopped && this.isUsable(worker)) this.idle.push(worker);
    else void worker.stop();
    this.waiters.shift()?.();
  }

  private capacity(): number {
    const cap = this.maxConcurrency ?? this.options.maxConcurrency ?? 10;
    const reserved = this.config.reservedConcurrency;
    return Math.max(1, reserved === undefined ? cap : Math.min(cap, reserved));
  }

  private async spawn(): Promise<LambdaWorker> {
    const generation = this.generation;
    const config = this.config;
    const credentials = await this.currentCredentials();
    const logStreamName = this.logStreamName();
    const worker = new LambdaWorker({
      codeDir: config.codeDir,
      execPath: resolveNodeRuntime(config.runtime).execPath,
      env: buildLambdaEnv(config, credentials, this.options.sandboxEndpoint, logStreamName),
      memorySize: config.memorySize ?? 128,
      credentialsExpireAt: credentials.expiration,
      onLog: (line) => this.log(line),
    });
    this.workerGeneration.set(worker, generation);
    return worker;
  }

  /**
   * The execution role's credentials, shared by the function's workers and refreshed before expiry,
   * as the Lambda service assumes the role once and hands the session to its environments.
   */
  private currentCredentials(): Promise<LambdaCredentials> {
    const cached = this.credentials;
    if (cached) {
      return cached.then((creds) =>
        creds.expiration.getTime() - Date.now() > CREDENTIALS_MARGIN_MS ? creds : this.fetchCredentials(),
      );
    }
    return this.fetchCredentials();
  }

  private fetchCredentials(): Promise<LambdaCredentials> {
    const { roleArn, functionName } = this.config;
    const promise = this.options.credentials(roleArn, functionName).catch((error: unknown) => {
      throw new LambdaServiceError(
        'ExecutionRoleNotAssumable',
        `The role defined for the function cannot be assumed by Lambda: ${roleArn}`,
        { cause: error },
      );
    });
    this.credentials = promise;
    // A failure is not cached: the next invocation tries again (e.g. after the trust is fixed).
    promise.catch(() => {
      if (this.credentials === promise) this.credentials = undefined;
    });
    return promise;
  }

  private logStreamName(): string {
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    return `${day}/[$LATEST]${this.generation.toString(16).padStart(8, '0')}`;
  }

  private log(line: string): void {
    this.logs.push(line);
    this.options.echo?.(`[${this.config.functionName}] ${line}`);
  }
}
