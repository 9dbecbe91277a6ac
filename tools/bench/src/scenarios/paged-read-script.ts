export const PAGED_READ_MARKER = 'BENCH_PAGED_READ_RESULT ';

/**
 * Runs in a child `node` (cwd = workspace root): reads the whole table once through the reader's API (SigV4-signed
 * `GET /items?limit=N`, following nextToken) and once with a raw paged DocumentClient Scan(Limit N), in the order
 * given. Both clients live in this process, away from the sandbox's event loop, the way a caller and a Lambda
 * are on other machines than DynamoDB. Every read checks it saw exactly the expected number of distinct keys.
 */
export const pagedReadScript = `
import { createHash, createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';
const cfg = JSON.parse(process.env.BENCH_CONFIG);
const toBuffer = (d) => (ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d));
class Sha256 {
  constructor(secret) { this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : toBuffer(secret)); }
  update(data) { this.h.update(typeof data === 'string' ? data : toBuffer(data)); }
  digest() { return Promise.resolve(new Uint8Array(this.h.digest())); }
}
const signer = new SignatureV4({ credentials: cfg.caller, region: cfg.region, service: 'execute-api', sha256: Sha256 });
const agent = new Agent({ keepAlive: true });
async function get(url) {
  const target = new URL(url);
  const query = Object.fromEntries(target.searchParams);
  const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname: target.hostname, port: Number(target.port),
    path: target.pathname, query, headers: { host: target.host } });
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, method: 'GET', path: target.pathname + target.search,
      headers: signed.headers, agent, timeout: 60000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('GET ' + url + ' timed out')));
    req.on('error', reject);
    req.end();
  });
}
const maxPages = Math.ceil(cfg.expected / cfg.limit) + 2;
function check(what, seen, pages) {
  if (seen.size !== cfg.expected) throw new Error(what + ' saw ' + seen.size + ' distinct items in ' + pages + ' pages, the table has ' + cfg.expected);
}
async function readApi() {
  const started = performance.now();
  const seen = new Set();
  let nextToken = null, pages = 0;
  do {
    const query = new URLSearchParams({ limit: String(cfg.limit), ...(nextToken ? { nextToken } : {}) });
    const response = await get(cfg.itemsUrl + '?' + query);
    if (response.status !== 200) throw new Error('reader answered ' + response.status + ': ' + response.body.slice(0, 300));
    const page = JSON.parse(response.body);
    for (const item of page.items) seen.add(item[cfg.keyName]);
    nextToken = page.nextToken;
    if (++pages > maxPages) throw new Error('reader still returns a nextToken after ' + pages + ' pages');
  } while (nextToken !== null);
  const ms = performance.now() - started;
  check('API read', seen, pages);
  return { ms, pages };
}
const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ region: cfg.region, endpoint: cfg.endpoint, credentials: cfg.access }));
async function readRaw() {
  const started = performance.now();
  const seen = new Set();
  let startKey, pages = 0;
  do {
    const page = await raw.send(new ScanCommand({ TableName: cfg.tableName, Limit: cfg.limit, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) seen.add(item[cfg.keyName]);
    startKey = page.LastEvaluatedKey;
    if (++pages > maxPages) throw new Error('raw Scan still paging after ' + pages + ' pages');
  } while (startKey !== undefined);
  const ms = performance.now() - started;
  check('raw Scan', seen, pages);
  return { ms, pages };
}
const result = {};
for (const mode of cfg.order) result[mode] = mode === 'api' ? await readApi() : await readRaw();
process.stdout.write('\\n${PAGED_READ_MARKER}' + JSON.stringify(result) + '\\n');
process.exit(0);
`;
