import { readFileSync } from 'node:fs';
import { BenchError } from '../errors';

/** A process's peak resident set size in MB (VmHWM, kept by the kernel), the figure Lambda reports as Max Memory Used. */
export function readPeakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new BenchError('WorkerFailed', `/proc/${pid}/status has no VmHWM line`);
  return Number(match[1]) / 1024;
}
