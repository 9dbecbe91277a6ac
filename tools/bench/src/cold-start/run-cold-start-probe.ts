import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { BenchError } from '../errors';
import { coldStartProbeScript } from './cold-start-probe-script';
import { parseProbeOutput, type ProbeResult } from './parse-probe-output';

export interface ColdStartProbeOptions {
  /** The ESM file to import (a bundle, or the reader with the SDK left in node_modules). */
  readonly modulePath: string;
  /** The whole environment of the fresh process (nothing inherited, like a Lambda sandbox). */
  readonly env: Record<string, string>;
  /** When set, the probe also serves this event and reports the time to its response. */
  readonly event?: unknown;
  /** How many copies of `event` to serve at once. @default 1 */
  readonly concurrency?: number;
  /** @default 30000 */
  readonly timeoutMs?: number;
}

/** One fresh `node` process: import, optionally serve one request (or several at once), report the times. */
export async function runColdStartProbe(options: ColdStartProbeOptions): Promise<ProbeResult> {
  const env: Record<string, string> = {
    ...options.env,
    BENCH_MODULE_URL: pathToFileURL(options.modulePath).href,
    ...(options.event === undefined ? {} : { BENCH_EVENT: JSON.stringify(options.event) }),
    BENCH_CONCURRENCY: String(options.concurrency ?? 1),
  };
  const child = spawn(process.execPath, ['--input-type=module', '-e', coldStartProbeScript], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) {
    throw new BenchError(
      'WorkerFailed',
      `cold-start probe for ${options.modulePath} exited with ${String(code)}: ${stderr.slice(-2000)}`,
    );
  }
  return parseProbeOutput(stdout);
}
