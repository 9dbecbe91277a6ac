import { LAMBDA_CONTEXT_SOURCE } from './lambda-context-source';

export const OVERHEAD_RESULT_MARKER = 'BENCH_OVERHEAD_RESULT ';

/**
 * Runs in a child `node` (cwd = workspace root, so the raw client's SDK resolves from node_modules): imports the
 * reader bundle like Lambda's init, then times the handler on the given event (GET /items?limit=N, or a partition
 * Query GET /items/{key}?limit=N) against the raw DocumentClient read that answers it (`cfg.raw`: Scan or Query,
 * with Limit N) with held credentials on the same endpoint, in alternating pairs. The handler's JSON log lines go
 * to stdout too; the result is the line after the marker.
 */
export const handlerOverheadScript = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
const cfg = JSON.parse(process.env.BENCH_CONFIG);
const mod = await import(cfg.moduleUrl);
const raw = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: cfg.region, endpoint: cfg.endpoint, credentials: cfg.credentials }),
);
${LAMBDA_CONTEXT_SOURCE}
let seq = 0;
async function viaHandler() {
  const started = performance.now();
  const response = await mod.handler(cfg.event, { ...lambdaContext, awsRequestId: 'bench-' + seq++ });
  const ms = performance.now() - started;
  if (!response || response.statusCode !== 200) throw new Error('handler answered ' + JSON.stringify(response).slice(0, 300));
  // A full page, as the raw read's: an empty answer would be fast for the wrong reason.
  const items = JSON.parse(response.body).items;
  if (items?.length !== cfg.limit) throw new Error('handler returned ' + items?.length + ' items, not ' + cfg.limit);
  return ms;
}
async function viaRawRead() {
  const started = performance.now();
  const page = await raw.send(cfg.raw.command === 'Query' ? new QueryCommand(cfg.raw.input) : new ScanCommand(cfg.raw.input));
  const ms = performance.now() - started;
  if (!page.Items || page.Items.length !== cfg.limit) throw new Error('raw ' + cfg.raw.command + ' returned ' + (page.Items?.length ?? 0) + ' items, not ' + cfg.limit);
  return ms;
}
for (let i = 0; i < cfg.warmup; i++) { await viaHandler(); await viaRawRead(); }
const rounds = [];
for (let r = 0; r < cfg.rounds; r++) {
  const handler = [], rawRead = [];
  for (let i = 0; i < cfg.pairs; i++) {
    if (i % 2 === 0) { handler.push(await viaHandler()); rawRead.push(await viaRawRead()); }
    else { rawRead.push(await viaRawRead()); handler.push(await viaHandler()); }
  }
  rounds.push({ handler, rawRead });
}
process.stdout.write('\\n${OVERHEAD_RESULT_MARKER}' + JSON.stringify({ rounds }) + '\\n');
process.exit(0);
`;
