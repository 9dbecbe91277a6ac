import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LambdaServiceError } from '../errors';
import type { InvokeContext } from './types';

/** Lambda's limit for the init phase (module load, top-level code) of an on-demand environment. */
const INIT_LIMIT_MS = 10_000;

/** The runtime script each worker runs (plain JS, next to this file). */
const BOOTSTRAP = fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));

export interface LambdaWorkerOptions {
  codeDir: string;
  /** The Node binary to run (the runtime's major; see resolveNodeRuntime). @default the host's */
  execPath?: string;
  env: Record<string, string>;
  memorySize: number;
  /** Each line the function writes to stdout or stderr. */
  onLog: (line: string) => void;
  /** Credentials in `env` expire then; the pool retires the worker before. */
  credentialsExpireAt: Date;
}

/** What happened to one invocation inside a worker. */
export type WorkerOutcome =
  | { kind: 'ok'; payload: string }
  | { kind: 'error'; errorType: string; errorMessage: string }
  | { kind: 'timeout' }
  | { kind: 'crash'; exitCode: number | null; signal: NodeJS.Signals | null };

interface RuntimeMessage {
  type: 'ready' | 'init-error' | 'result';
  id?: number;
  ok?: boolean;
  payload?: string;
  error?: { errorType: string; errorMessage: string };
  initDurationMs?: number;
}

interface Pending {
  id: number;
  resolve: (outcome: WorkerOutcome) => void;
  timer: NodeJS.Timeout;
}

/**
 * One execution environment: a forked Node process that imports the bundle once and then serves
 * invocations one at a time, so module-scope state (clients, cached credentials) survives between
 * them as it does in AWS.
 */
export class LambdaWorker {
  readonly createdAt = Date.now();
  readonly credentialsExpireAt: Date;
  invocations = 0;
  initDurationMs: number | undefined;
  /** The handler could not be loaded; the worker answers with the init error and is then replaced. */
  initFailed = false;
  private readonly child: ChildProcess;
  private pending: Pending | undefined;
  private nextId = 1;
  private exited = false;
  private killed = false;
  private readonly exitPromise: Promise<void>;
  /** Settles when the handler is loaded, failed to load, or the process is gone. */
  private readonly initDone: Promise<void>;
  private markInitDone: () => void = () => undefined;

  constructor(options: LambdaWorkerOptions) {
    this.credentialsExpireAt = options.credentialsExpireAt;
    const heap = lambdaHeapFlags(options.memorySize);
    this.child = fork(BOOTSTRAP, [], {
      cwd: options.codeDir,
      ...(options.execPath === undefined ? {} : { execPath: options.execPath }),
      env: options.env,
      execArgv: [...heap, '--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Strings cross as bytes (a 200 KB page's payload is not escaped and parsed once more, ~1 ms of the sandbox's
      // thread per page); the event is sent as its JSON text, so the function gets exactly what JSON gives it.
      serialization: 'advanced',
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', options.onLog);
    }
    this.initDone = new Promise((resolve) => (this.markInitDone = resolve));
    this.child.on('message', (message: RuntimeMessage) => this.onMessage(message));
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (exitCode, signal) => {
        this.exited = true;
        this.settle({ kind: 'crash', exitCode, signal });
        this.markInitDone();
        resolve();
      });
    });
    // A failed fork (e.g. EAGAIN) surfaces as 'error' and may never emit 'exit'.
    this.child.on('error', () => {
      this.exited = true;
      this.settle({ kind: 'crash', exitCode: null, signal: null });
      this.markInitDone();
    });
  }

  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  get busy(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Runs one invocation; never rejects. As in Lambda, the function timeout starts once the init phase is over
   * (init has its own 10 s limit); on timeout the process is killed (the pool replaces it).
   */
  invoke(event: unknown, context: InvokeContext, timeoutMs: number): Promise<WorkerOutcome> {
    if (!this.alive) return Promise.resolve({ kind: 'crash', exitCode: this.child.exitCode, signal: null });
    if (this.pending)
      throw new LambdaServiceError('WorkerBusy', 'An execution environment runs one invocation at a time');
    this.invocations += 1;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const pending: Pending = { id, resolve, timer: setTimeout(() => this.timeOut(), INIT_LIMIT_MS) };
      this.pending = pending;
      void this.initDone.then(() => {
        if (this.pending !== pending) return;
        clearTimeout(pending.timer);
        pending.timer = setTimeout(() => this.timeOut(), timeoutMs);
        this.child.send({
          type: 'invoke',
          id,
          eventJson: JSON.stringify(event) ?? 'null',
          context: { ...context, deadlineMs: Date.now() + timeoutMs },
        });
      });
    });
  }

  /** Kills the process and waits for it to be gone. */
  async stop(): Promise<void> {
    this.kill();
    await this.exitPromise;
  }

  private timeOut(): void {
    this.kill();
    this.settle({ kind: 'timeout' });
  }

  /** Marks the worker gone at once (the exit event comes later) so nobody reuses it meanwhile. */
  private kill(): void {
    if (this.killed || this.exited) return;
    this.killed = true;
    this.child.kill('SIGKILL');
  }

  private onMessage(message: RuntimeMessage): void {
    if (message.type === 'ready' || message.type === 'init-error') {
      this.initDurationMs = message.initDurationMs;
      this.initFailed = message.type === 'init-error';
      this.markInitDone();
      return;
    }
    if (message.type !== 'result' || message.id !== this.pending?.id) return;
    const outcome: WorkerOutcome = message.ok
      ? { kind: 'ok', payload: message.payload ?? 'null' }
      : {
          kind: 'error',
          errorType: message.error?.errorType ?? 'Error',
          errorMessage: message.error?.errorMessage ?? '',
        };
    // The runtime flushed its output before answering; let the pipe reads of this poll round land first.
    setImmediate(() => this.settle(outcome));
  }

  private settle(outcome: WorkerOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }
}

/**
 * The heap limits the Lambda Node runtime's bootstrap passes for a memory size: a tenth of it for the young
 * generation (half of that per semi-space), the rest for the old one. Without the semi-space cap V8 lets the young
 * generation grow far larger on a busy worker (~50 MB more RSS after 200 pages of 1,000 items at 256 MB).
 */
export function lambdaHeapFlags(memorySizeMb: number): string[] {
  const newSpace = Math.floor(memorySizeMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memorySizeMb - newSpace}`];
}
