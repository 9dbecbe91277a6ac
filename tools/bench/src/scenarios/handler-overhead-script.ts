import { LAMBDA_CONTEXT_SOURCE } from './lambda-context-source';

export const OVERHEAD_RESULT_MARKER = 'BENCH_OVERHEAD_RESULT ';

/**
 * Runs in a child `node` (cwd = workspace root, so the raw client's SDK resolves from node_modules): imports the
 * reader bundle like Lambda's init, then times handler(GET /items?limit=N) against a raw DocumentClient
 * Scan(Limit N) with held credentials on the same endpoint, in alternating pairs. The handler's JSON log lines go
 * to stdout too; the result is the line after the marker.
 */
export const handlerOverheadScript = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
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
  return ms;
}
async function viaRawScan() {
  const started = performance.now();
  const page = await raw.send(new ScanCommand({ TableName: cfg.tableName, Limit: cfg.limit }));
  const ms = performance.now() - started;
  if (!page.Items || page.Items.length === 0) throw new Error('raw Scan returned no items');
  return ms;
}
for (let i = 0; i < cfg.warmup; i++) { await viaHandler(); await viaRawScan(); }
const rounds = [];
for (let r = 0; r < cfg.rounds; r++) {
  const handler = [], rawScan = [];
  for (let i = 0; i < cfg.pairs; i++) {
    if (i % 2 === 0) { handler.push(await viaHandler()); rawScan.push(await viaRawScan()); }
    else { rawScan.push(await viaRawScan()); handler.push(await viaHandler()); }
  }
  rounds.push({ handler, rawScan });
}
process.stdout.write('\\n${OVERHEAD_RESULT_MARKER}' + JSON.stringify({ rounds }) + '\\n');
process.exit(0);
`;
