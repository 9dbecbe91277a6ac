import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BenchSettings } from '../cli/bench-settings';
import type { Figure } from '../report/figure';
import type { BenchEnvironment } from '../sandbox/bench-environment';
import { median } from '../stats/median';
import { pairwiseRatio } from '../stats/pairwise-ratio';

const SECTION = '6 sandbox overhead';

async function timedScan(client: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const started = performance.now();
  await client.send(new ScanCommand({ TableName: tableName, Limit: 100 }));
  return performance.now() - started;
}

/**
 * #6: the same Scan(Limit 100) through the sandbox's IAM-enforcing front (SigV4 check, policy evaluation, table
 * name mapping) vs straight to the storage engine, pair by pair: what to discount from the other figures, since
 * real DynamoDB has no such front on the caller's side.
 */
export async function measureSandboxOverhead(
  env: BenchEnvironment,
  settings: BenchSettings,
  log: (m: string) => void,
): Promise<Figure[]> {
  const front = await env.targetClient();
  const backend = env.backendClient();
  const table = env.stage.table.name;
  const n = settings.overheadPairs;
  log(`sandbox overhead: ${n} Scan(Limit 100) pairs, front vs storage engine`);
  for (let i = 0; i < settings.warmupRequests; i++) {
    await timedScan(front, table);
    await timedScan(backend.client, backend.tableName);
  }
  const viaFront: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      viaFront.push(await timedScan(front, table));
      direct.push(await timedScan(backend.client, backend.tableName));
    } else {
      direct.push(await timedScan(backend.client, backend.tableName));
      viaFront.push(await timedScan(front, table));
    }
  }
  return [
    {
      id: 'sandbox.front.p50',
      section: SECTION,
      label: 'Scan(Limit 100) via IAM-enforcing front, p50',
      value: median(viaFront),
      unit: 'ms',
    },
    {
      id: 'sandbox.direct.p50',
      section: SECTION,
      label: 'Scan(Limit 100) straight to dynalite, p50',
      value: median(direct),
      unit: 'ms',
    },
    {
      id: 'sandbox.frontOverDirect',
      section: SECTION,
      label: 'front / direct (pairwise)',
      value: pairwiseRatio(viaFront, direct),
      unit: 'x',
    },
  ];
}
