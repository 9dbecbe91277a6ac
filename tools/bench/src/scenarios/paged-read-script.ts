import { IPC_ASK_SOURCE } from './ipc-ask-source';
import { LAMBDA_CONTEXT_SOURCE } from './lambda-context-source';

export const PAGED_READ_MARKER = 'BENCH_PAGED_READ_RESULT ';

/**
 * Runs in a child `node` with the tsx loader (cwd = workspace root, `TSX_TSCONFIG_PATH` = the bench's tsconfig, so
 * `@xacct/sandbox` resolves) and the reader's Lambda environment: reads the whole table in the order given,
 * - `api`: through the reader's API (SigV4-signed `GET /items?limit=N` with the sandbox's `signedFetch`, following nextToken),
 * - `invoke`: by direct invokes of the reader's warm Lambda worker, which the bench process makes on request (IPC),
 * - `handler`: through the deployed reader bundle imported here and called with API Gateway's proxy event (no worker, no API),
 * - `raw`: with a raw paged DocumentClient Scan(Limit N) and held credentials,
 * page by page in lockstep. The clients live here, away from the sandbox's event loop, as a caller and a Lambda are on other machines than
 * DynamoDB. Every read checks it saw exactly the expected number of distinct keys.
 */
export const pagedReadScript = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { signedFetch } from '@xacct/sandbox';
const cfg = JSON.parse(process.env.BENCH_CONFIG);
const maxPages = Math.ceil(cfg.expected / cfg.limit) + 2;
function check(what, seen, pages) {
  if (seen.size !== cfg.expected) throw new Error(what + ' saw ' + seen.size + ' distinct items in ' + pages + ' pages, the table has ' + cfg.expected);
}
/**
 * Reads the table once per mode, the modes in lockstep (page i of each, in the given order, then page i+1), so a
 * noisy moment hits every mode alike; ms is the sum of a mode's page times.
 */
async function readInLockstep(modes) {
  const state = modes.map((mode) => ({ mode, seen: new Set(), pageMs: [], nextToken: null, done: false }));
  for (let pages = 1; state.some((s) => !s.done); pages++) {
    if (pages > maxPages) throw new Error('still paging after ' + maxPages + ' pages');
    for (const s of state.filter((s) => !s.done)) {
      const started = performance.now();
      const page = await readers[s.mode](s.nextToken);
      // A direct invoke is timed where it runs (the bench process), plus the parse here; not the IPC hop.
      s.pageMs.push(page.ms ?? performance.now() - started);
      for (const item of page.items) s.seen.add(item[cfg.keyName]);
      s.nextToken = page.nextToken ?? null;
      s.done = s.nextToken === null;
    }
  }
  const result = {};
  for (const s of state) {
    check(s.mode, s.seen, s.pageMs.length);
    result[s.mode] = { ms: s.pageMs.reduce((a, b) => a + b, 0), pages: s.pageMs.length, pageMs: s.pageMs };
  }
  return result;
}
const query = (nextToken) => ({ limit: String(cfg.limit), ...(nextToken ? { nextToken } : {}) });
async function viaApi(nextToken) {
  const response = await signedFetch(cfg.itemsUrl + '?' + new URLSearchParams(query(nextToken)), {
    credentials: cfg.caller, region: cfg.region, timeoutMs: 60000 });
  if (response.status !== 200) throw new Error('reader API answered ' + response.status + ': ' + response.text.slice(0, 300));
  return response.json;
}
const reader = await import(cfg.moduleUrl);
${LAMBDA_CONTEXT_SOURCE}
let seq = 0;
async function viaHandler(nextToken) {
  const q = query(nextToken);
  const event = { ...cfg.event, queryStringParameters: q,
    multiValueQueryStringParameters: Object.fromEntries(Object.entries(q).map(([k, v]) => [k, [v]])) };
  const response = await reader.handler(event, { ...lambdaContext, awsRequestId: 'bench-' + seq++ });
  if (!response || response.statusCode !== 200) throw new Error('handler answered ' + JSON.stringify(response).slice(0, 300));
  return JSON.parse(response.body);
}
const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ region: cfg.region, endpoint: cfg.endpoint, credentials: cfg.access }));
async function viaRaw(startKey) {
  const page = await raw.send(new ScanCommand({ TableName: cfg.tableName, Limit: cfg.limit, ExclusiveStartKey: startKey ?? undefined }));
  return { items: page.Items ?? [], nextToken: page.LastEvaluatedKey };
}
${IPC_ASK_SOURCE}
async function viaInvoke(nextToken) {
  const { payload, ms } = await ask({ query: query(nextToken) });
  const started = performance.now();
  const result = JSON.parse(payload);
  if (result.statusCode !== 200) throw new Error('direct invoke answered ' + result.statusCode + ': ' + result.body.slice(0, 300));
  const page = JSON.parse(result.body);
  return { ...page, ms: ms + performance.now() - started };
}
const readers = { api: viaApi, handler: viaHandler, raw: viaRaw, invoke: viaInvoke };
// A few untimed pages each: the handler's cold start (AssumeRole), keep-alive connections and a JIT that has seen
// the code are set-up (the worker behind the API is warm too), not reading.
for (const mode of cfg.order) {
  let token = null;
  for (let i = 0; i < cfg.warmupPages && (i === 0 || token); i++) token = (await readers[mode](token)).nextToken;
}
const result = await readInLockstep(cfg.order);
process.stdout.write('\\n${PAGED_READ_MARKER}' + JSON.stringify(result) + '\\n');
process.exit(0);
`;
