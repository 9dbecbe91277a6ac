import type { ReaderLogger } from '../handler/create-handler';

export interface LogLine {
  readonly level: 'info' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A ReaderLogger that keeps every line, for assertions on what is (and is not) logged. */
export function recordingLogger(): ReaderLogger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    addContext: () => undefined,
    info: (message, ...extra) => lines.push({ level: 'info', message, fields: Object.assign({}, ...extra) }),
    error: (message, ...extra) => lines.push({ level: 'error', message, fields: Object.assign({}, ...extra) }),
  };
}
