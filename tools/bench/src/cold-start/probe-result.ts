import { BenchError } from '../errors';

export interface ProbeResult {
  readonly importMs: number;
  readonly firstRequestMs: number | null;
  readonly statusCode: number | null;
}

/** The probe's JSON result, checked: a probe that reports no import time measured nothing. */
export function probeResult(value: unknown): ProbeResult {
  const parsed = (value ?? {}) as Partial<Record<keyof ProbeResult, unknown>>;
  if (typeof parsed.importMs !== 'number') {
    throw new BenchError('WorkerFailed', `cold-start probe result has no importMs: ${JSON.stringify(value)}`);
  }
  return {
    importMs: parsed.importMs,
    firstRequestMs: typeof parsed.firstRequestMs === 'number' ? parsed.firstRequestMs : null,
    statusCode: typeof parsed.statusCode === 'number' ? parsed.statusCode : null,
  };
}
