import { BenchError } from '../errors';
import { findWorkerPids } from './find-worker-pids';
import { readPeakRss } from './read-peak-rss';

/** The peak RSS in MB of a function's busiest worker process (the sandbox may run several for concurrent requests). */
export function workerPeakRss(functionName: string): number {
  const pids = findWorkerPids(functionName);
  if (pids.length === 0) throw new BenchError('WorkerFailed', `no worker process of ${functionName} found`);
  return Math.max(...pids.map(readPeakRss));
}
