import type { BenchResultsFile } from './bench-results-file';

/** The lines under the table: mode, duration, machine and load, where the results are, and time per part. */
export function runSummary(results: BenchResultsFile, resultsPath: string): string {
  const load = results.loadAverage1m;
  const parts = Object.entries(results.seconds).sort(([, a], [, b]) => b - a);
  return [
    `${results.mode} run of ${results.startedAt}, ${results.durationSeconds.toFixed(0)} s on ${results.cpus} CPUs, Node ${results.node} (load average ${load.before.toFixed(1)} -> ${load.after.toFixed(1)}); results in ${resultsPath}`,
    `time per part: ${parts.map(([part, s]) => `${part} ${s.toFixed(0)} s`).join(', ')}`,
  ].join('\n');
}
