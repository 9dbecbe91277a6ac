import { BenchError } from '../errors';
import { PROBE_RESULT_MARKER } from './cold-start-probe-script';

export interface ProbeResult {
  readonly importMs: number;
  readonly firstRequestMs: number | null;
  readonly statusCode: number | null;
}

/** The probe's result line out of a stdout that also carries the handler's logs. */
export function parseProbeOutput(stdout: string): ProbeResult {
  const line = stdout
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith(PROBE_RESULT_MARKER));
  if (line === undefined) {
    throw new BenchError(
      'WorkerFailed',
      `cold-start probe printed no result line; its output was:\n${stdout.slice(-2000)}`,
    );
  }
  const parsed = JSON.parse(line.slice(PROBE_RESULT_MARKER.length)) as Partial<ProbeResult>;
  if (typeof parsed.importMs !== 'number') {
    throw new BenchError('WorkerFailed', `cold-start probe result has no importMs: ${line}`);
  }
  return {
    importMs: parsed.importMs,
    firstRequestMs: typeof parsed.firstRequestMs === 'number' ? parsed.firstRequestMs : null,
    statusCode: typeof parsed.statusCode === 'number' ? parsed.statusCode : null,
  };
}
