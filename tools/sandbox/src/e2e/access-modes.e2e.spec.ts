import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeleteResourcePolicyCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseStage, tableArn, type StageInput } from '@xacct/config';
import { synthStage } from '@xacct/infra-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssemblyStack } from './local-assemblies';
import { lambdaApiServices } from '../lambda-api/lambda-api-services';
import { ReaderStack } from './reader-stack';

/**
 * Both access modes end to end, and the phased switch of the deployed `local` pair from assume-role to
 * resource-policy (README, "Switching modes safely") under continuous traffic: no failed request, no lost item.
 * Phase A is the `local` stage as synthesized into dist; the later phases are that stage with another `access`
 * section (and the AWS owned key, which resource-policy access needs), synthesized here.
 */
const local = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../config/stages/local.json'), 'utf8'),
) as StageInput;
const switching = { ...local, table: { ...local.table, encryption: 'aws-owned' as const } };
const phases = {
  /** 1. The target grants both ways (and moves the table to the AWS owned key). */
  B: { ...switching, access: { mode: 'assume-role', grants: ['assume-role', 'resource-policy'] } },
  /** 2. The source switches; its role may still assume the access role. */
  C: { ...switching, access: { mode: 'resource-policy', grants: ['assume-role', 'resource-policy'] } },
  /** 3. The target drops the old grant (then the source may drop its leftover permission, not needed here). */
  D: { ...switching, access: { mode: 'resource-policy' } },
} satisfies Record<string, StageInput>;
const ITEMS = 60;

interface Page {
  items: Array<{ deviceId: string }>;
  nextToken: string | null;
}

describe('access modes end to end (sandbox, real templates, SigV4 over HTTP)', () => {
  let stack: ReaderStack;
  let workDir: string;
  const synthesized: Record<string, AssemblyStack> = {};
  const reads = { count: 0, failed: [] as string[] };

  /** One read of everything and one GetItem; any non-200 or a missing item is a failure. */
  async function readAll(): Promise<void> {
    const list = await stack.get(`/items?limit=1000`);
    const count = list.status === 200 ? (list.json as Page).items.length : -1;
    if (count !== ITEMS)
      reads.failed.push(`GET /items: ${list.status} with ${count} items: ${list.text.slice(0, 200)}`);
    const one = await stack.get('/items/d0001');
    if (one.status !== 200) reads.failed.push(`GET /items/d0001: ${one.status}: ${one.text.slice(0, 200)}`);
    reads.count += 2;
  }

  /** Reads continuously (two clients) while `work` runs. */
  async function underTraffic(work: () => Promise<void>): Promise<void> {
    let done = false;
    const client = async () => {
      while (!done) await readAll();
    };
    const clients = [client(), client()];
    try {
      await work();
      // A few more rounds after the last deploy: its effect must not fail a request either.
      for (let i = 0; i < 3; i++) await readAll();
    } finally {
      done = true;
      await Promise.all(clients);
    }
  }

  const assumeRoleCalls = () => stack.sandbox.counters()['sts']?.['AssumeRole'] ?? 0;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'access-modes-'));
    const jobs: Array<[string, StageInput, 'target' | 'source']> = [
      ['B-target', phases.B, 'target'],
      ['C-source', phases.C, 'source'],
      ['D-target', phases.D, 'target'],
    ];
    // Two at a time: each synth is a tsx process running cdk-nag, and CI machines have two cores.
    for (let i = 0; i < jobs.length; i += 2) {
      await Promise.all(
        jobs.slice(i, i + 2).map(async ([id, stage, side]) => {
          synthesized[id] = await synthStage(stage, side, workDir);
        }),
      );
    }
    stack = await ReaderStack.start(parseStage(local, 'local.json'));
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('assume-role mode: reads through the access role, one AssumeRole for the warm reader', async () => {
    await stack.deployTarget();
    await stack.deploySource();
    expect(await stack.seed(ITEMS - 2)).toBe(ITEMS);
    stack.sandbox.resetCounters();

    for (let i = 0; i < 5; i++) await readAll();

    expect(reads.failed).toEqual([]);
    expect(assumeRoleCalls()).toBe(1);
  });

  it('switches to resource-policy in three deploys without a failed request or a lost item', async () => {
    const before = reads.count;
    // 1. target grants both ways; 2. source switches; 3. target drops the old grant.
    // Besides the two clients reading throughout, each phase is read at least once after its deploy, so the count
    // below does not depend on how fast a loaded machine deploys.
    await underTraffic(async () => {
      await stack.deployTarget(synthesized['B-target']);
      await readAll();
      await stack.deploySource(synthesized['C-source']);
      await readAll();
      await stack.deployTarget(synthesized['D-target']);
    });

    expect(reads.failed).toEqual([]);
    expect(reads.count - before).toBeGreaterThanOrEqual(12);
    expect(stack.sandbox.context.iam.getRole(stack.stage.target.accountId, 'xacct-devices-access')).toBeUndefined();
  });

  it('resource-policy mode: the reader uses its own role, zero sts:AssumeRole', async () => {
    stack.sandbox.resetCounters();
    for (let i = 0; i < 5; i++) await readAll();

    expect(reads.failed).toEqual([]);
    expect(assumeRoleCalls()).toBe(0);
    expect(stack.sandbox.counters()['dynamodb']?.['Scan']).toBeGreaterThanOrEqual(5);
  });

  it('resource-policy mode under faults: throttle 503 with Retry-After, 5xx 503, a reset retried, a hung STS irrelevant; each answers in time and the next request is 200', async () => {
    const target = stack.stage.target.accountId;
    const timed = async () => {
      const started = Date.now();
      const response = await stack.get('/items/d0001');
      return { response, ms: Date.now() - started };
    };
    // Every GetItem attempt throttled (the SDK's retries included), then the fault is gone.
    const throttle = stack.sandbox.faults.add({
      service: 'dynamodb',
      action: 'GetItem',
      account: target,
      kind: 'error',
      error: 'ThrottlingException',
    }).id;
    const throttled = await timed();
    stack.sandbox.faults.remove(throttle);
    const afterThrottle = await timed();
    const failing = stack.sandbox.faults.add({
      service: 'dynamodb',
      action: 'GetItem',
      account: target,
      kind: 'error',
      error: 'InternalServerError',
    }).id;
    const serverError = await timed();
    stack.sandbox.faults.remove(failing);
    // One reset: the SDK retries it on a new connection.
    stack.sandbox.faults.add({ service: 'dynamodb', action: 'GetItem', account: target, kind: 'reset', count: 1 });
    const reset = await timed();
    // This mode never calls STS: a hung STS changes nothing.
    const hang = stack.sandbox.faults.add({ service: 'sts', kind: 'hang' }).id;
    const stsHung = await timed();
    stack.sandbox.faults.remove(hang);

    expect(throttled.response.status).toBe(503);
    expect(throttled.response.json).toMatchObject({ error: { code: 'TargetThrottled' } });
    expect(throttled.response.headers.get('retry-after')).toBe('1');
    expect(serverError.response.status).toBe(503);
    expect(serverError.response.json).toMatchObject({ error: { code: 'TargetUnavailable' } });
    for (const ok of [afterThrottle, reset, stsHung]) expect(ok.response.status).toBe(200);
    // The function's timeout is 10 s; every answer, failed or not, comes well before it.
    for (const r of [throttled, afterThrottle, serverError, reset, stsHung]) expect(r.ms).toBeLessThan(10_000);
  });

  it('resource-policy mode: revoking the table policy denies the very next request; the mode hint is on its log line', async () => {
    const target = stack.sandbox.adminCredentials(stack.stage.target.accountId);
    const client = new DynamoDBClient({
      endpoint: stack.sandbox.endpoint,
      region: stack.stage.target.region,
      credentials: target,
    });
    await client.send(
      new DeleteResourcePolicyCommand({
        ResourceArn: tableArn(stack.stage),
      }),
    );

    const response = await stack.get('/items/d0001');

    // The caller sees the code without internals; the mode's hint is on the request's log line.
    expect(response.status).toBe(502);
    const { error } = response.json as { error: { code: string; requestId: string } };
    expect(error.code).toBe('TargetAccessDenied');
    expect(response.text).not.toMatch(/arn:|resource policy/);
    const [fn] = lambdaApiServices(stack.sandbox.context).lambda.list();
    const line = fn?.logs
      .snapshot()
      .lines.find((l) => l.includes(error.requestId) && l.includes('"message":"request"'));
    expect(line).toMatch(/"diagnosis":"[^"]*access mode resource-policy/);
  });
});
