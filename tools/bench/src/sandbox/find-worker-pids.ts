import { readdirSync, readFileSync } from 'node:fs';

/**
 * Pids of this process's children that run the given Lambda function (by AWS_LAMBDA_FUNCTION_NAME in their
 * environment). Read from /proc because the sandbox keeps its worker processes private; Linux only.
 */
export function findWorkerPids(functionName: string, parentPid: number = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may contain spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parentPid) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.includes(`AWS_LAMBDA_FUNCTION_NAME=${functionName}`)) pids.push(Number(entry));
    } catch {
      // The process exited while we looked: not a worker any more.
    }
  }
  return pids;
}
