import type { BenchSettings } from '../cli/bench-settings';
import type { Figure } from '../report/figure';
import type { BenchEnvironment, BenchFunction } from '../sandbox/bench-environment';
import { countCalls } from '../sandbox/count-calls';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expectOk } from './expect-ok';

const SECTION = '1 upstream calls';

/** Sequential requests to a function from a cold start, then the sandbox's counts. */
async function callsThroughApi(env: BenchEnvironment, fn: BenchFunction, requests: number) {
  fn.retireWorkers();
  env.resetCounters();
  for (let i = 0; i < requests; i++) {
    expectOk(await env.caller.get(`${fn.itemsUrl}?limit=100`), `${fn.functionName} GET /items`);
  }
  return countCalls(env.counters());
}

/**
 * #1: AssumeRole and DynamoDB calls over N warm requests (the first one included, so the reader's single
 * AssumeRole shows): the reader, the classic baseline, and a DocumentClient holding credentials (the floor).
 */
export async function measureUpstreamCalls(
  env: BenchEnvironment,
  settings: BenchSettings,
  log: (m: string) => void,
): Promise<Figure[]> {
  const n = settings.callsRequests;
  log(`upstream calls: ${n} requests each through the API (reader, classic) and direct`);
  const reader = await callsThroughApi(env, env.reader, n);
  const classic = await callsThroughApi(env, env.classic, n);
  const client = await env.targetClient();
  const tableName = env.stage.table.name;
  env.resetCounters();
  for (let i = 0; i < n; i++) await client.send(new ScanCommand({ TableName: tableName, Limit: 100 }));
  const direct = countCalls(env.counters());

  const row = (id: string, label: string, value: number, budget?: Figure['budget']): Figure => ({
    id: `calls.${id}`,
    section: SECTION,
    label,
    value,
    unit: 'calls',
    ...(budget ? { budget } : {}),
  });
  return [
    row('reader.assumeRole', `reader: AssumeRole over ${n} requests`, reader.assumeRole, {
      max: 1,
      inclusive: true,
      meaning: 'one STS round trip per execution environment, not per request',
    }),
    row('reader.dynamodb', `reader: DynamoDB calls over ${n} requests`, reader.dynamodb, {
      max: n,
      inclusive: true,
      meaning: 'one Scan per page, nothing else (no DescribeTable, no retries)',
    }),
    row('classic.assumeRole', `classic: AssumeRole over ${n} requests`, classic.assumeRole),
    row('classic.dynamodb', `classic: DynamoDB calls over ${n} requests`, classic.dynamodb),
    row('direct.assumeRole', `direct, credentials held: AssumeRole over ${n} Scans`, direct.assumeRole),
    row('direct.dynamodb', `direct, credentials held: DynamoDB calls over ${n} Scans`, direct.dynamodb),
  ];
}
