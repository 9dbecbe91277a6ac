import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_HEADER } from '../admin/admin-header';
import { signedFetch } from '@xacct/reader-client';
import { resolveNodeRuntime } from '../lambda/resolve-node-runtime';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { lambdaApiServices } from './lambda-api-services';
import { ACCOUNT, REGION, helloApiTemplate } from './test-support/hello-api-template';

// Module init runs once per execution environment: `inits` counts it, `calls` counts invocations in it.
const HANDLER = `
const pid = process.pid;
globalThis.inits = (globalThis.inits || 0) + 1;
let calls = 0;
exports.handler = async () => {
  calls += 1;
  return { statusCode: 200, body: JSON.stringify({ node: process.version, pid, calls, inits: globalThis.inits }) };
};`;

interface Answer {
  node: string;
  pid: number;
  calls: number;
  inits: number;
}

describe('Lambda runtime fidelity', () => {
  let sandbox: Sandbox;
  let url: string;
  const call = async () => (await signedFetch(url)).json as Answer;
  const admin = (method: string, path: string) =>
    fetch(`${sandbox.endpoint}/_sandbox/${path}`, { method, headers: { [ADMIN_HEADER]: '1' } });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    await sandbox.deploy({
      template: helloApiTemplate({ runtime: 'nodejs24.x', code: { ZipFile: HANDLER } }),
      stackName: 'hello',
      account: ACCOUNT,
      region: REGION,
    });
    const api = lambdaApiServices(sandbox.context).apis.listRestApis()[0];
    url = `${sandbox.endpoint}/restapis/${api?.apiId ?? 'none'}/dev/_user_request_/hello`;
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('runs nodejs24.x on Node 24 when the optional dependency is installed, and says which Node runs it', async () => {
    // Arrange
    const expected = resolveNodeRuntime('nodejs24.x');
    // Act
    const answer = await call();
    const listed = (await (await admin('GET', 'functions')).json()) as {
      functions: Array<{ node: { version: string; matches: boolean; source: string; note?: string } }>;
    };
    // Assert
    expect(answer.node).toBe(`v${expected.version}`);
    expect(listed.functions[0]?.node).toMatchObject({ version: expected.version, matches: expected.matches });
    if (expected.matches) expect(expected.version).toMatch(/^24\./);
    else expect(listed.functions[0]?.node.note).toContain('nodejs24.x wants Node 24');
  });

  it('functions/<name>/cold gives a fresh process that re-runs module init', async () => {
    // Arrange
    await admin('POST', 'functions/hello/cold');
    const first = await call();
    const warm = await call();
    // Act
    const cold = await admin('POST', 'functions/hello/cold');
    const fresh = await call();
    // Assert
    expect(cold.status).toBe(200);
    expect(warm).toMatchObject({ pid: first.pid, calls: 2, inits: 1 });
    expect(fresh.pid).not.toBe(first.pid);
    expect(fresh).toMatchObject({ calls: 1, inits: 1 });
  });
});
