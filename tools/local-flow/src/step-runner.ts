import { performance } from 'node:perf_hooks';

/** A step that failed: which one, after how long, why, and the tail of what its command printed. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  readonly code = 'StepFailure' as const;
  constructor(
    readonly step: string,
    readonly seconds: number,
    message: string,
    readonly output?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Prints numbered steps with their duration (`[2/6] Synthesize ... ok (12.3 s)`); a failing step becomes a
 * StepFailure naming it. `hint` explains the usual fix.
 */
export class StepRunner {
  private index = 0;
  private silenced = false;
  readonly startedAt = performance.now();

  constructor(
    private readonly total: number,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
  ) {}

  /**
   * Writes nothing more: a step whose command a signal killed would print FAILED into the middle of the stop
   * messages (`Stopping the sandbox ... FAILED`), though nothing failed.
   */
  silence(): void {
    this.silenced = true;
  }

  private out(text: string): void {
    if (!this.silenced) this.write(text);
  }

  async run<T>(title: string, action: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    this.index += 1;
    const label = `[${this.index}/${this.total}] ${title}`;
    this.out(`${label} ...`);
    const started = performance.now();
    try {
      const result = await action();
      const detail = describe ? `, ${describe(result)}` : '';
      this.out(` ok (${seconds(started)} s${detail})\n`);
      return result;
    } catch (error) {
      this.out(' FAILED\n');
      const elapsed = Number(seconds(started));
      if (error instanceof StepFailure)
        throw new StepFailure(label, elapsed, error.message, error.output, { cause: error });
      throw new StepFailure(label, elapsed, error instanceof Error ? error.message : String(error), undefined, {
        cause: error,
      });
    }
  }

  elapsedSeconds(): string {
    return seconds(this.startedAt);
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
