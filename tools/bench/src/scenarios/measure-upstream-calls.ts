import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { BenchSettings } from '../cli/bench-settings';
import type { Budget, Figure } from '../report/figure';
import type { BenchEnvironment, BenchFunction } from '../sandbox/bench-environment';
import { countCalls } from '../sandbox/count-calls';
import { expectOk } from './expect-ok';

const SECTION = '1 upstream calls';

/** Sequential requests to a function from a cold start, then the sandbox's counts. */
async function callsThroughApi(env: BenchEnvironment, fn: BenchFunction, requests: number) {
  await fn.retireWorkers();
  env.resetCounters();
  for (let i = 0; i < requests; i++) {
    expectOk(await env.caller.get(`${fn.itemsUrl}?limit=100`), `${fn.functionName} GET /items`);
  }
  return countCalls(env.counters());
}

/**
 * #1: AssumeRole and DynamoDB calls over N requests from a cold start (the first one included, so the reader's
 * single AssumeRole shows): the reader (assume-role mode), the same reader in resource-policy mode (every STS action
 * counted: it makes none), the classic baseline, and a DocumentClient holding credentials (the floor).
 */
export async function measureUpstreamCalls(
  env: BenchEnvironment,
  settings: BenchSettings,
  log: (m: string) => void,
): Promise<Figure[]> {
  const n = settings.callsRequests;
  const client = await env.targetClient();
  env.resetCounters();
  for (let i = 0; i < n; i++) await client.send(new ScanCommand({ TableName: env.stage.table.name, Limit: 100 }));
  const direct = countCalls(env.counters());

  let reader: ReturnType<typeof countCalls> | null = null;
  let classic: ReturnType<typeof countCalls> | null = null;
  let resourcePolicy: ReturnType<typeof countCalls> | null = null;
  if (env.functions !== null) {
    log(`upstream calls: ${n} requests each through the API (reader in both access modes, classic) and direct`);
    reader = await callsThroughApi(env, env.functions.reader, n);
    classic = await callsThroughApi(env, env.functions.classic, n);
  }
  if (env.resourcePolicy !== null) resourcePolicy = await callsThroughApi(env, env.resourcePolicy.reader, n);
  const note = env.functionsUnavailable ?? 'no Lambda in this sandbox';
  const rpNote = env.resourcePolicyUnavailable ?? note;
  const row = (id: string, label: string, value: number | null, budget?: Budget, why = note): Figure => ({
    id: `calls.${id}`,
    section: SECTION,
    label,
    value,
    unit: 'calls',
    ...(budget ? { budget } : {}),
    ...(value === null ? { note: why } : {}),
  });
  return [
    row('reader.assumeRole', `reader (assume-role): AssumeRole over ${n} requests`, reader?.assumeRole ?? null, {
      max: 1,
      inclusive: true,
      meaning: 'one STS round trip per execution environment, not per request',
    }),
    row('reader.dynamodb', `reader (assume-role): DynamoDB calls over ${n} requests`, reader?.dynamodb ?? null, {
      max: n,
      inclusive: true,
      meaning: 'one Scan per page, nothing else (no DescribeTable, no retries)',
    }),
    row(
      'resourcePolicy.sts',
      `reader (resource-policy): STS calls over ${n} requests`,
      resourcePolicy?.sts ?? null,
      {
        max: 0,
        inclusive: true,
        meaning: 'the table policy admits the reader role itself: no AssumeRole, no STS round trip ever',
      },
      rpNote,
    ),
    row(
      'resourcePolicy.dynamodb',
      `reader (resource-policy): DynamoDB calls over ${n} requests`,
      resourcePolicy?.dynamodb ?? null,
      { max: n, inclusive: true, meaning: 'one Scan per page, nothing else (no DescribeTable, no retries)' },
      rpNote,
    ),
    row('classic.assumeRole', `classic: AssumeRole over ${n} requests`, classic?.assumeRole ?? null),
    row('classic.dynamodb', `classic: DynamoDB calls over ${n} requests`, classic?.dynamodb ?? null),
    row('direct.assumeRole', `direct, credentials held: AssumeRole over ${n} Scans`, direct.assumeRole),
    row('direct.dynamodb', `direct, credentials held: DynamoDB calls over ${n} Scans`, direct.dynamodb),
  ];
}
