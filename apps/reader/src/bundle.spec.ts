import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { loadStage, readerEnvFromStage } from '@xacct/config';
import dynalite from 'dynalite';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSts, type FakeSts } from './test-support/start-fake-sts';

// Exercises the real bundle (`nx test reader` depends on `nx build reader`): copied outside the workspace so no
// node_modules can be resolved, loaded in a fresh node process with the env source-infra sets for the `local` stage.
const DIST = resolve(import.meta.dirname, '../../../dist/apps/reader');
const BUNDLE = join(DIST, 'main.mjs');
const BUDGET_BYTES = 450 * 1024;
const run = promisify(execFile);

const CHILD = `
const { handler } = await import('./main.mjs');
const context = (id) => ({ awsRequestId: id, functionName: 'xacct-local-reader', getRemainingTimeInMillis: () => 10000 });
const event = (path, query) => ({
  httpMethod: 'GET', path, requestContext: { requestId: 'api' },
  queryStringParameters: query ?? null,
  multiValueQueryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
});
const results = [
  await handler(event('/items', { limit: '2' }), context('r1')),
  await handler(event('/items/d-1'), context('r2')),
  await handler(event('/items', { limit: 'abc' }), context('r3')),
];
console.log('RESULT ' + JSON.stringify({ handlerType: typeof handler, results }));
`;

function requireBundle(): void {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npx nx build reader\` (nx test reader does).`);
}

describe('the reader bundle', () => {
  const dynamo = dynalite({ createTableMs: 0 });
  let sts: FakeSts;
  let dynamoUrl = '';
  let workDir = '';

  beforeAll(async () => {
    requireBundle();
    workDir = mkdtempSync(join(tmpdir(), 'reader-bundle-'));
    copyFileSync(BUNDLE, join(workDir, 'main.mjs'));
    writeFileSync(join(workDir, 'child.mjs'), CHILD);
    sts = await startFakeSts();
    await new Promise<void>((r) => dynamo.listen(0, '127.0.0.1', r));
    dynamoUrl = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
    const admin = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: dynamoUrl,
      credentials: { accessKeyId: 'AKIAADMIN', secretAccessKey: 'admin' },
    });
    await admin.send(
      new CreateTableCommand({
        TableName: 'xacct-devices',
        AttributeDefinitions: [{ AttributeName: 'deviceId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'deviceId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const id of ['d-1', 'd-2', 'd-3']) {
      await admin.send(new PutItemCommand({ TableName: 'xacct-devices', Item: { deviceId: { S: id } } }));
    }
  });
  afterAll(async () => {
    await sts?.close();
    await new Promise((r) => dynamo.close(r));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it(`is within the ${BUDGET_BYTES}-byte budget`, () => {
    // Act
    const size = statSync(BUNDLE).size;
    console.log(
      `reader bundle: ${size.toLocaleString('en-US')} B of the ${BUDGET_BYTES.toLocaleString('en-US')} B budget`,
    );

    // Assert
    expect(size).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('contains no CDK, test code, AGPL tooling or the SDK default credential chain', () => {
    // Arrange
    const meta = JSON.parse(readFileSync(join(DIST, 'meta.json'), 'utf8')) as { inputs: Record<string, unknown> };

    // Act
    const inputs = Object.keys(meta.inputs);
    const forbidden = inputs.filter((path) =>
      /aws-cdk-lib|node_modules\/constructs\/|cdk-nag|@cloud-copilot|vitest|aws-sdk-client-mock|\.spec\.ts$|test-support|credential-provider-(node|ini|sso|process|web-identity|http|login)|credential-provider-imds/.test(
        path,
      ),
    );

    // Assert
    expect(inputs).toContain('apps/reader/src/main.ts');
    expect(inputs).toContain('apps/reader/src/sdk-stubs/default-provider.ts');
    expect(forbidden).toEqual([]);
  });

  it('loads in a clean process, exports handler and serves requests through STS and DynamoDB', async () => {
    // Arrange
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: workDir,
      ...readerEnvFromStage(loadStage('local')),
      AWS_LAMBDA_FUNCTION_NAME: 'xacct-local-reader',
      AWS_ACCESS_KEY_ID: 'AKIAEXECUTIONROLE',
      AWS_SECRET_ACCESS_KEY: 'execution-role-secret',
      AWS_SESSION_TOKEN: 'execution-role-token',
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_SERVICE_NAME: 'reader-under-test',
      POWERTOOLS_LOGGER_LOG_EVENT: 'true',
    };

    // Act
    const { stdout } = await run(process.execPath, ['child.mjs'], { cwd: workDir, env, timeout: 30_000 });

    // Assert
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
    const result = JSON.parse(line!.slice('RESULT '.length)) as {
      handlerType: string;
      results: { statusCode: number; body: string }[];
    };
    expect(result.handlerType).toBe('function');
    expect(result.results.map((r) => r.statusCode)).toEqual([200, 200, 400]);
    expect(JSON.parse(result.results[0]!.body)).toMatchObject({
      items: expect.any(Array),
      nextToken: expect.any(String),
    });
    expect(JSON.parse(result.results[1]!.body)).toEqual({ deviceId: 'd-1' });
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]!.accessKeyId).toBe('AKIAEXECUTIONROLE');
    expect(sts.requests[0]!.params.get('ExternalId')).toBe('local-sandbox-external-id');
    expect(sts.requests[0]!.params.get('SourceIdentity')).toBe('xacct-devices-reader');
    expect(sts.requests[0]!.params.get('RoleSessionName')).toBe('xacct-local-reader');
    // Per request: the event (POWERTOOLS_LOGGER_LOG_EVENT), one request line and EMF metrics; no secrets.
    const json = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = json.filter((l) => l['message'] === 'request');
    expect(requestLines).toHaveLength(3);
    expect(requestLines[0]).toMatchObject({ service: 'reader-under-test', correlation_id: 'api', status: 200 });
    expect(json.filter((l) => l['message'] === 'Lambda invocation event')).toHaveLength(3);
    const emf = json.filter((l) => '_aws' in l) as { _aws: { CloudWatchMetrics: { Namespace: string }[] } }[];
    expect(emf).toHaveLength(3); // one blob per request
    expect(emf.every((b) => b._aws.CloudWatchMetrics[0]!.Namespace === 'XacctReader')).toBe(true);
    expect(emf).toContainEqual(expect.objectContaining({ response: '400 InvalidRequest', Responses: 1 }));
    expect(stdout).not.toMatch(/execution-role-secret|execution-role-token|fake-sts-secret|fake-sts-token/);
  });

  it('fails the init with one message naming every bad variable when the env is wrong', async () => {
    // Arrange
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: workDir,
      TABLE_NAME: 'bad name!',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };

    // Act
    const failure = await run(process.execPath, ['child.mjs'], { cwd: workDir, env, timeout: 30_000 }).then(
      () => undefined,
      (e: unknown) => e as { code: number; stderr: string },
    );

    // Assert
    expect(failure?.code).not.toBe(0);
    for (const name of [
      'TARGET_ROLE_ARN',
      'EXTERNAL_ID',
      'TABLE_NAME',
      'TARGET_REGION',
      'PARTITION_KEY_NAME',
      'SESSION_DURATION_SECONDS',
    ]) {
      expect(failure?.stderr).toContain(name);
    }
  });
});
