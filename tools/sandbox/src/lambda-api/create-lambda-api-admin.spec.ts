import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_HEADER } from '../admin/admin-header';
import { signedFetch } from '@xacct/reader-client';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { ACCOUNT, REGION, helloApiTemplate } from './test-support/hello-api-template';

let sandbox: Sandbox;
let apiUrl: string;

async function admin(
  method: string,
  path: string,
  header = true,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.endpoint}/_sandbox/${path}`, {
    method,
    headers: header ? { [ADMIN_HEADER]: '1' } : {},
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: () => undefined });
  await sandbox.deploy({ template: helloApiTemplate(), stackName: 'hello', account: ACCOUNT, region: REGION });
  const { body } = await admin('GET', 'apis');
  apiUrl = (body['apis'] as Array<{ stages: Array<{ url: string }> }>)[0]?.stages[0]?.url ?? '';
});

afterAll(async () => {
  await sandbox.stop();
});

describe('Lambda/API Gateway admin routes', () => {
  it('lists the APIs with the invoke URL of each stage', async () => {
    const { status, body } = await admin('GET', 'apis');

    expect(status).toBe(200);
    expect(body['apis']).toEqual([
      expect.objectContaining({
        name: 'hello-api',
        accountId: ACCOUNT,
        region: REGION,
        stages: [{ stageName: 'dev', url: apiUrl }],
      }),
    ]);
    expect(apiUrl).toMatch(new RegExp(`^${sandbox.endpoint}/restapis/[a-z0-9]{10}/dev/_user_request_$`));
  });

  it('lists functions with counters, returns their logs and discards warm workers on /cold', async () => {
    await signedFetch(`${apiUrl}/hello`);
    await signedFetch(`${apiUrl}/hello`);

    const listed = await admin('GET', 'functions');
    const logs = await admin('GET', 'functions/hello/logs');
    const cold = await admin('POST', 'functions/hello/cold');
    const after = await signedFetch(`${apiUrl}/hello`);

    expect(listed.body['functions']).toEqual([
      expect.objectContaining({
        functionName: 'hello',
        counters: expect.objectContaining({ invocations: 2, coldStarts: 1 }),
      }),
    ]);
    expect(logs.body['lines']).toEqual(expect.arrayContaining([expect.stringMatching(/^START RequestId: /)]));
    expect(cold.status).toBe(200);
    expect(after.json).toMatchObject({ calls: 1 });
  });

  it('caps concurrency per function: with max=1 concurrent calls share one worker', async () => {
    await admin('POST', 'functions/hello/cold');
    const capped = await admin('POST', 'functions/hello/concurrency?max=1');

    await Promise.all([1, 2, 3, 4].map(() => signedFetch(`${apiUrl}/hello`)));
    const { body } = await admin('GET', 'functions');
    await admin('POST', 'functions/hello/concurrency');

    expect(capped.body).toMatchObject({ maxConcurrency: 1 });
    expect((body['functions'] as Array<{ counters: { warmWorkers: number } }>)[0]?.counters.warmWorkers).toBe(1);
  });

  it('scales throttling and rejects a bad scale', async () => {
    const ok = await admin('POST', 'throttle?scale=10');
    const bad = await admin('POST', 'throttle?scale=-1');
    await admin('POST', 'throttle?scale=1');

    expect(ok.body).toEqual({ scale: 10 });
    expect(bad.status).toBe(400);
  });

  it('answers 404 for unknown functions and routes, 403 without the admin header', async () => {
    const unknown = await admin('GET', 'functions/nope/logs');
    const route = await admin('GET', 'functions/hello/other');
    const noHeader = await admin('GET', 'apis', false);

    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      error: { code: 'FunctionNotFound', message: expect.stringContaining('function:hello') },
    });
    expect(route.status).toBe(404);
    expect(noHeader.status).toBe(403);
  });
});
