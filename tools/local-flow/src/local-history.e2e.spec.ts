import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoStageConflicts, loadStage, READ_API_ROUTES, stackName } from '@xacct/config';
import { apiMethodsOf, runCdkApp } from '@xacct/infra-common';
import { deployedApiUrl, localAssemblies, seedItems, signedFetch, type AssemblyStack } from '@xacct/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFlow, WORKSPACE_ROOT } from './local-flow';
import { tryPaths } from './try-paths';

/**
 * `npm start -- --stage local-history` without the Nx round trips: the stage's real templates (synthesized here
 * through the apps' entry points) and the real reader bundle in one sandbox, next to the `local` pair (dist), the
 * readings seeded as `npm start` seeds them, and every curl it prints called signed. Also the three-way agreement of
 * the route table (the reader's router), the synthesized API Gateway methods and dist/apps/reader/openapi.json.
 */
const history = loadStage('local-history');
const local = loadStage('local');

interface Page {
  items: Array<Record<string, unknown>>;
  nextToken: string | null;
}
interface OpenApiOperation {
  operationId: string;
  parameters: Array<{ name: string; in: string; required: boolean }>;
}

async function synth(app: 'target-infra' | 'source-infra', workDir: string): Promise<AssemblyStack> {
  const outdir = join(workDir, app);
  const { code, stderr } = await runCdkApp({
    workspaceRoot: WORKSPACE_ROOT,
    app,
    outdir,
    context: { stage: history.name },
  });
  if (code !== 0) throw new Error(`${app} did not synthesize ${history.name}: ${stderr}`);
  return {
    template: join(outdir, app === 'target-infra' ? 'Target.template.json' : 'Source.template.json'),
    assemblyDir: outdir,
  };
}

describe('stage local-history in the sandbox, beside stage local', () => {
  const flow = new LocalFlow(history.name);
  let workDir: string;
  let source: AssemblyStack;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'local-history-'));
    const [target, synthesizedSource] = await Promise.all([
      synth('target-infra', workDir),
      synth('source-infra', workDir),
    ]);
    source = synthesizedSource;
    const log: string[] = [];
    const sandbox = await flow.start(0, (line) => log.push(line));
    const deploy = (stage: typeof local, side: 'target' | 'source', stack: AssemblyStack) =>
      sandbox.deploy({
        template: stack.template,
        assemblyDir: stack.assemblyDir,
        stackName: stackName(stage, side),
        account: stage[side].accountId,
        region: stage[side].region,
      });
    const dist = localAssemblies(local);
    await deploy(local, 'target', dist.target);
    await deploy(local, 'source', dist.source);
    await deploy(history, 'target', target);
    await deploy(history, 'source', source);
    await seedItems({
      endpoint: sandbox.endpoint,
      region: local.target.region,
      table: local.table.name,
      credentials: sandbox.adminCredentials(local.target.accountId),
    });
    await flow.seed();
  }, 240_000);

  afterAll(async () => {
    await flow.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('deploys both local stages into one sandbox, each API reading its own table', async () => {
    expect(() => assertNoStageConflicts(history)).not.toThrow();
    expect(history.table.name).not.toBe(local.table.name);
    const localUrl = deployedApiUrl(flow.sandbox.context, flow.sandbox.endpoint, local);
    expect(localUrl).not.toBe(flow.apiUrl());
    const { accessKeyId, secretAccessKey } = flow.admin('source');
    const classic = await signedFetch(`${localUrl}/items`, {
      credentials: { accessKeyId, secretAccessKey },
      region: local.source.region,
    });
    expect(classic.status).toBe(200);
    expect((classic.json as Page).items.map((item) => item['deviceId']).sort()).toEqual(['d0001', 'd0002']);
    const readings = await flow.get('/items?limit=1000');
    expect(readings.status).toBe(200);
    expect((readings.json as Page).items).toHaveLength(96);
  });

  it('answers every curl `npm start` prints with 200 and data', async () => {
    for (const [path] of tryPaths(history)) {
      const response = await flow.get(path);
      expect(response.status, `${path}: ${response.text.slice(0, 300)}`).toBe(200);
      const body = response.json as Page | Record<string, unknown>;
      const items = 'items' in body ? (body as Page).items : [body];
      expect(items.length, path).toBeGreaterThan(0);
    }
  });

  it("queries one device's readings in timestamp order, both ways, and one owner's readings through the GSI", async () => {
    const asc = (await flow.get('/items/d0001?limit=1000')).json as Page;
    const times = asc.items.map((item) => String(item['timestamp']));
    expect(asc.items.every((item) => item['deviceId'] === 'd0001')).toBe(true);
    expect(times).toHaveLength(24);
    expect(times).toEqual([...times].sort());
    const desc = (await flow.get('/items/d0001?skBeginsWith=2026-12-01T1&order=desc')).json as Page;
    expect(desc.items.map((item) => String(item['timestamp']))).toEqual(
      times.filter((t) => t.startsWith('2026-12-01T1')).reverse(),
    );
    const alice = (await flow.get('/indexes/byOwner/items/alice?limit=1000')).json as Page;
    expect(alice.items).toHaveLength(48);
    expect(new Set(alice.items.map((item) => item['deviceId']))).toEqual(new Set(['d0001', 'd0002']));
    const aliceTimes = alice.items.map((item) => String(item['timestamp']));
    expect(aliceTimes).toEqual([...aliceTimes].sort());
  });

  it('agrees three ways: route table (router) = API Gateway methods (template) = openapi.json paths and parameters', async () => {
    const fromTable = Object.fromEntries(
      READ_API_ROUTES.map((route) => [
        `${route.method} ${route.path}`,
        [
          ...route.pathParameters.map((p) => `path.${p.name}:true`),
          ...route.queryParameters.map((p) => `querystring.${p.name}:${p.required}`),
        ].sort(),
      ]),
    );
    const template = JSON.parse(readFileSync(source.template, 'utf8')) as Parameters<typeof apiMethodsOf>[0];
    const fromGateway = Object.fromEntries(
      Object.entries(apiMethodsOf(template)).map(([key, method]) => [
        key,
        Object.entries(method.RequestParameters ?? {})
          .map(([name, required]) => `${name.replace('method.request.', '')}:${required}`)
          .sort(),
      ]),
    );
    const openapi = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'dist/apps/reader/openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const fromOpenApi = Object.fromEntries(
      Object.entries(openapi.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => [
          `${method.toUpperCase()} ${path}`,
          op.parameters.map((p) => `${p.in === 'query' ? 'querystring' : p.in}.${p.name}:${p.required}`).sort(),
        ]),
      ),
    );
    expect(fromGateway).toEqual(fromTable);
    expect(fromOpenApi).toEqual(fromTable);

    // The deployed gateway routes each method to the reader, whose router serves it (no "No route" 404) ...
    for (const route of READ_API_ROUTES) {
      const values: Record<string, string> = { index: 'byOwner', pk: route.id === 'queryIndex' ? 'alice' : 'd0001' };
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);
      const response = await flow.get(path);
      expect(response.status, `${route.id} ${path}: ${response.text.slice(0, 300)}`).toBe(200);
    }
    // ... and a path outside the table never reaches it: API Gateway has no such resource.
    const unknown = await flow.get('/indexes/byOwner');
    expect(unknown.status).toBe(403);
    expect(unknown.text).toContain('MISSING_AUTHENTICATION_TOKEN');
  });
});
