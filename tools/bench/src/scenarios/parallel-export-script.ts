import { IPC_ASK_SOURCE } from './ipc-ask-source';

export const PARALLEL_EXPORT_MARKER = 'BENCH_PARALLEL_EXPORT_RESULT ';

/**
 * Runs in a child `node` with the tsx loader (so `@xacct/reader-client` resolves): reads the whole table once per
 * mode, in the order given,
 * - `raw`: a single-threaded raw paged DocumentClient Scan(Limit N) with held credentials,
 * - `segments-K`: a parallel Scan through the reader's API with `createReaderClient`, one page loop per segment, K
 *   loops at once, as `npm run read -- export --segments K` reads (without writing the JSON Lines).
 * Before each timed read a few untimed pages (one per segment, at once) warm the workers behind the API. With
 * `measureRss`, the bench process retires the reader's workers before each API read and reports their peak RSS
 * after it (IPC), so each segment count's figure is its own. Every read checks it saw every key exactly once.
 */
export const parallelExportScript = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createReaderClient } from '@xacct/reader-client';
const cfg = JSON.parse(process.env.BENCH_CONFIG);
const maxPages = Math.ceil(cfg.expected / cfg.limit) + 2;
${IPC_ASK_SOURCE}
const client = createReaderClient({ baseUrl: cfg.baseUrl, region: cfg.region, credentials: cfg.caller, timeoutMs: 60000 });
const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ region: cfg.region, endpoint: cfg.endpoint, credentials: cfg.access }));
/** One segment's page loop; every key goes into seen, a key seen twice is an error. */
async function readSegment(read, seen) {
  let token = null, pages = 0;
  do {
    if (++pages > maxPages) throw new Error('still paging after ' + maxPages + ' pages');
    const page = await read(token);
    for (const item of page.items) {
      const key = item[cfg.keyName];
      if (seen.has(key)) throw new Error('key ' + key + ' read twice');
      seen.add(key);
    }
    token = page.nextToken;
  } while (token);
  return pages;
}
const rawPage = async (startKey) => {
  const page = await raw.send(new ScanCommand({ TableName: cfg.tableName, Limit: cfg.limit, ExclusiveStartKey: startKey ?? undefined }));
  return { items: page.Items ?? [], nextToken: page.LastEvaluatedKey ?? null };
};
const apiPage = (segment, totalSegments) => (nextToken) => client.listItems({
  limit: cfg.limit,
  // One segment is a plain Scan, as the export command sends it.
  ...(totalSegments === 1 ? {} : { segment, totalSegments }),
  ...(nextToken ? { nextToken } : {}),
});
const segmentsOf = (mode) => mode === 'raw' ? 1 : Number(mode.split('-')[1]);
const pageReaders = (mode) => mode === 'raw'
  ? [rawPage]
  : Array.from({ length: segmentsOf(mode) }, (_, segment) => apiPage(segment, segmentsOf(mode)));
const result = {};
for (const mode of cfg.order) {
  const readers = pageReaders(mode);
  if (cfg.measureRss && mode !== 'raw') await ask({ op: 'retire' });
  await Promise.all(readers.map((read) => read(null)));
  const seen = new Set();
  const started = performance.now();
  const pages = (await Promise.all(readers.map((read) => readSegment(read, seen)))).reduce((a, b) => a + b, 0);
  const ms = performance.now() - started;
  if (seen.size !== cfg.expected) throw new Error(mode + ' saw ' + seen.size + ' distinct items in ' + pages + ' pages, the table has ' + cfg.expected);
  result[mode] = { ms, pages, ...(cfg.measureRss && mode !== 'raw' ? { peakRssMb: await ask({ op: 'peakRss' }) } : {}) };
}
process.stdout.write('\\n${PARALLEL_EXPORT_MARKER}' + JSON.stringify(result) + '\\n');
process.exit(0);
`;
