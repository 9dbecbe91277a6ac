import { LAMBDA_CONTEXT_SOURCE } from '../scenarios/lambda-context-source';

/** Marks the probe's one result line; the handler's own JSON logs share stdout. */
export const PROBE_RESULT_MARKER = 'BENCH_COLD_START_RESULT ';

/**
 * The program a fresh `node` runs for one cold-start sample: import the module named by BENCH_MODULE_URL, then,
 * when BENCH_EVENT is set, serve that API Gateway event BENCH_CONCURRENCY times at once (default 1); the status
 * reported is 200 only when every response was 200. Plain JS passed with `-e`, so no TypeScript loader
 * or bench code is in the measured process. It exits explicitly: an SDK keep-alive socket must not hold it open.
 */
export const coldStartProbeScript = `
${LAMBDA_CONTEXT_SOURCE}
const started = performance.now();
const mod = await import(process.env.BENCH_MODULE_URL);
const importMs = performance.now() - started;
let firstRequestMs = null;
let statusCode = null;
if (process.env.BENCH_EVENT) {
  const event = JSON.parse(process.env.BENCH_EVENT);
  const concurrency = Number(process.env.BENCH_CONCURRENCY || '1');
  const responses = await Promise.all(
    Array.from({ length: concurrency }, (_, i) => mod.handler(event, { ...lambdaContext, awsRequestId: 'bench-' + i })),
  );
  firstRequestMs = performance.now() - started;
  const failed = responses.find((response) => !response || response.statusCode !== 200);
  statusCode = failed === undefined ? 200 : (failed && failed.statusCode) || 0;
}
process.stdout.write('\\n${PROBE_RESULT_MARKER}' + JSON.stringify({ importMs, firstRequestMs, statusCode }) + '\\n');
process.exit(0);
`;
