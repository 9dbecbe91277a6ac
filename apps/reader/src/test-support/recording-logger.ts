import type { ReaderLogger } from '../handler/create-handler';

export interface LogLine {
  readonly level: 'info' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
  /** The correlation id set when the line was written. */
  readonly correlationId: unknown;
}

/** A ReaderLogger that keeps every line and per-invocation call, for assertions on what is (and is not) logged. */
export function recordingLogger(): ReaderLogger & {
  readonly lines: LogLine[];
  readonly calls: { sampleRateRefreshes: number; loggedEvents: unknown[] };
} {
  const lines: LogLine[] = [];
  const calls = { sampleRateRefreshes: 0, loggedEvents: [] as unknown[] };
  let correlationId: unknown;
  const write =
    (level: LogLine['level']) =>
    (message: string, ...extra: Record<string, unknown>[]) => {
      lines.push({ level, message, fields: Object.assign({}, ...extra), correlationId });
    };
  return {
    lines,
    calls,
    addContext: () => undefined,
    refreshSampleRateCalculation: () => {
      calls.sampleRateRefreshes += 1;
    },
    logEventIfEnabled: (event) => {
      calls.loggedEvents.push(event);
    },
    setCorrelationId: (value) => {
      correlationId = value;
    },
    info: write('info'),
    error: write('error'),
  };
}
