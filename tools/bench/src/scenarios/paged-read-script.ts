export const PAGED_READ_MARKER = 'BENCH_PAGED_READ_RESULT ';

/**
 * Runs in a child `node` with the tsx loader (cwd = workspace root, `TSX_TSCONFIG_PATH` = the bench's tsconfig, so
 * `@xacct/sandbox` resolves) and the reader's Lambda environment: reads the whole table in the order given,
 * - `api`: through the reader's API (SigV4-signed `GET /items?limit=N` with the sandbox's `signedFetch`, following nextToken),
 * - `handler`: through the deployed reader bundle imported here and called with API Gateway's proxy event (no worker, no API),
 * - `raw`: with a raw paged DocumentClient Scan(Limit N) and held credentials.
 * The clients live here, away from the sandbox's event loop, as a caller and a Lambda are on other machines than
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
/** Follows nextToken through fetchPage(nextToken) -> { items, nextToken } and times the whole read. */
async function readPages(what, fetchPage) {
  const started = performance.now();
  const seen = new Set();
  let nextToken = null, pages = 0;
  do {
    const page = await fetchPage(nextToken);
    for (const item of page.items) seen.add(item[cfg.keyName]);
    nextToken = page.nextToken ?? null;
    if (++pages > maxPages) throw new Error(what + ' still returns a nextToken after ' + pages + ' pages');
  } while (nextToken !== null);
  const ms = performance.now() - started;
  check(what, seen, pages);
  return { ms, pages };
}
const query = (nextToken) => ({ limit: String(cfg.limit), ...(nextToken ? { nextToken } : {}) });
async function viaApi(nextToken) {
  const response = await signedFetch(cfg.itemsUrl + '?' + new URLSearchParams(query(nextToken)), {
    credentials: cfg.caller, region: cfg.region, timeoutMs: 60000 });
  if (response.status !== 200) throw new Error('reader API answered ' + response.status + ': ' + response.text.slice(0, 300));
  return response.json;
}
const reader = await import(cfg.moduleUrl);
const context = {
  functionName: 'reader', functionVersion: '$LATEST', memoryLimitInMB: '256', callbackWaitsForEmptyEventLoop: true,
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:reader',
  logGroupName: '/aws/lambda/reader', logStreamName: 'bench', getRemainingTimeInMillis: () => 30000,
};
let seq = 0;
async function viaHandler(nextToken) {
  const q = query(nextToken);
  const event = { ...cfg.event, queryStringParameters: q,
    multiValueQueryStringParameters: Object.fromEntries(Object.entries(q).map(([k, v]) => [k, [v]])) };
  const response = await reader.handler(event, { ...context, awsRequestId: 'bench-' + seq++ });
  if (!response || response.statusCode !== 200) throw new Error('handler answered ' + JSON.stringify(response).slice(0, 300));
  return JSON.parse(response.body);
}
const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ region: cfg.region, endpoint: cfg.endpoint, credentials: cfg.access }));
async function viaRaw(startKey) {
  const page = await raw.send(new ScanCommand({ TableName: cfg.tableName, Limit: cfg.limit, ExclusiveStartKey: startKey ?? undefined }));
  return { items: page.Items ?? [], nextToken: page.LastEvaluatedKey };
}
const modes = { api: viaApi, handler: viaHandler, raw: viaRaw };
// One untimed page each: the handler's cold start (AssumeRole) and the keep-alive connections are set-up, not reading.
for (const mode of cfg.order) await modes[mode](null);
const result = {};
for (const mode of cfg.order) result[mode] = await readPages(mode, modes[mode]);
process.stdout.write('\\n${PAGED_READ_MARKER}' + JSON.stringify(result) + '\\n');
process.exit(0);
`;
