import { pathToFileURL } from 'node:url';
import { runNodeScript } from '../child/run-node-script';
import { coldStartProbeScript, PROBE_RESULT_MARKER } from './cold-start-probe-script';
import { probeResult, type ProbeResult } from './probe-result';

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
  return probeResult(
    await runNodeScript({
      what: `cold-start probe for ${options.modulePath}`,
      script: coldStartProbeScript,
      env,
      marker: PROBE_RESULT_MARKER,
      timeoutMs: options.timeoutMs ?? 30_000,
    }),
  );
}
