import { afterEach, describe, expect, it, vi } from 'vitest';
import { LambdaServiceError } from '../errors';
import { LambdaFunction } from './lambda-function';
import { fakeCredentials } from './test-support/fake-credentials';
import { functionConfig } from './test-support/function-config';
import { writeFunctionCode } from './test-support/write-function-code';
import type { InvokeResult, LambdaFunctionConfig } from './types';

const COUNTER = `
let calls = 0;
export async function handler(event, context) {
  calls += 1;
  return { calls, pid: process.pid, event, requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() };
}
`;

const started: LambdaFunction[] = [];

function makeFunction(
  config: LambdaFunctionConfig,
  credentials = vi.fn(async () => fakeCredentials()),
  maxConcurrency = 10,
) {
  const fn = new LambdaFunction(config, { credentials, sandboxEndpoint: 'http://127.0.0.1:1', maxConcurrency });
  started.push(fn);
  return { fn, credentials };
}

function payloadOf(result: InvokeResult): Record<string, unknown> {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.errorType}: ${result.errorMessage}`);
  return JSON.parse(result.payload) as Record<string, unknown>;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((fn) => fn.stop()));
});

describe('LambdaFunction', () => {
  it('reuses the warm worker so module-scope state survives between invocations', async () => {
    // Arrange
    const { fn } = makeFunction(functionConfig(writeFunctionCode({ 'main.mjs': COUNTER })));

    // Act
    const first = await fn.invoke({ n: 1 });
    const second = await fn.invoke({ n: 2 });

    // Assert
    expect(payloadOf(first)).toMatchObject({ calls: 1, event: { n: 1 } });
    expect(payloadOf(second)).toMatchObject({ calls: 2, pid: payloadOf(first)['pid'] });
    expect(first.cold).toBe(true);
    expect(second.cold).toBe(false);
    expect(fn.counters()).toMatchObject({ invocations: 2, coldStarts: 1, errors: 0 });
  });

  it('hands the function its event as JSON gives it, and its result back as JSON text', async () => {
    // Arrange: what JSON cannot carry (undefined members, a Date) and what it must keep (quotes, a big string).
    const fn = makeFunction(
      functionConfig(
        writeFunctionCode({
          'main.mjs': `export const handler = async (e) => ({ keys: Object.keys(e), at: typeof e.at, big: e.big.length, quote: e.quote, undef: undefined });`,
        }),
      ),
    ).fn;
    const event = { gone: undefined, at: new Date(0), big: 'x'.repeat(300_000), quote: 'a "quoted" \\ value' };

    // Act
    const result = await fn.invoke(event);

    // Assert
    expect(payloadOf(result)).toEqual({ keys: ['at', 'big', 'quote'], at: 'string', big: 300_000, quote: event.quote });
  });

  it("sizes the worker's heap as the Lambda Node runtime does for its memory size", async () => {
    // Arrange
    const code = writeFunctionCode({
      'main.mjs': `import v8 from 'node:v8'; export const handler = async () => ({ argv: process.execArgv, limitMb: v8.getHeapStatistics().heap_size_limit / 1048576 });`,
    });
    const { fn } = makeFunction(functionConfig(code, { memorySize: 256 }));

    // Act
    const answer = payloadOf(await fn.invoke({}));

    // Assert: a tenth for the young generation (half per semi-space), the rest for the old one
    expect(answer['argv']).toEqual(expect.arrayContaining(['--max-semi-space-size=12', '--max-old-space-size=231']));
    // V8 adds the young generation (a few semi-spaces) to the old limit; uncapped it would be gigabytes here.
    expect(answer['limitMb']).toBeGreaterThan(231);
    expect(answer['limitMb']).toBeLessThan(300);
  });

  it('passes the request id and a deadline within the timeout in the context', async () => {
    const { fn } = makeFunction(functionConfig(writeFunctionCode({ 'main.mjs': COUNTER }), { timeoutSeconds: 5 }));

    const result = payloadOf(await fn.invoke({}, { requestId: 'req-123' }));

    expect(result['requestId']).toBe('req-123');
    expect(result['remaining']).toBeGreaterThan(0);
    expect(result['remaining']).toBeLessThanOrEqual(5000);
  });

  it('starts a fresh worker on cold: true and after a redeploy', async () => {
    const codeDir = writeFunctionCode({ 'main.mjs': COUNTER });
    const { fn } = makeFunction(functionConfig(codeDir));
    await fn.invoke({});

    const afterCold = await fn.invoke({}, { cold: true });
    fn.update(functionConfig(codeDir, { environment: { CHANGED: '1' } }));
    const afterRedeploy = await fn.invoke({});

    expect(payloadOf(afterCold)['calls']).toBe(1);
    expect(afterCold.cold).toBe(true);
    expect(payloadOf(afterRedeploy)['calls']).toBe(1);
    expect(fn.counters().coldStarts).toBe(3);
  });

  it('assumes the execution role once per function, not per worker', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs':
        'export const handler = async () => { await new Promise((r) => setTimeout(r, 150)); return process.pid; };',
    });
    const { fn, credentials } = makeFunction(functionConfig(codeDir));

    const results = await Promise.all([fn.invoke({}), fn.invoke({}), fn.invoke({})]);

    expect(new Set(results.map((r) => (r.kind === 'ok' ? r.payload : r.errorType))).size).toBe(3);
    expect(credentials).toHaveBeenCalledTimes(1);
    expect(credentials).toHaveBeenCalledWith('arn:aws:iam::111111111111:role/fn-role', 'fn');
  });

  it('runs at most maxConcurrency workers and queues the rest', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs':
        'export const handler = async () => { await new Promise((r) => setTimeout(r, 100)); return process.pid; };',
    });
    const { fn } = makeFunction(functionConfig(codeDir), undefined, 2);

    const results = await Promise.all([1, 2, 3, 4, 5].map(() => fn.invoke({})));

    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    expect(new Set(results.map((r) => (r.kind === 'ok' ? r.payload : ''))).size).toBe(2);
    expect(fn.counters()).toMatchObject({ invocations: 5, coldStarts: 2 });
  });

  it('honours ReservedConcurrentExecutions below the cap', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs':
        'export const handler = async () => { await new Promise((r) => setTimeout(r, 50)); return process.pid; };',
    });
    const { fn } = makeFunction(functionConfig(codeDir, { reservedConcurrency: 1 }));

    await Promise.all([1, 2, 3].map(() => fn.invoke({})));

    expect(fn.counters().coldStarts).toBe(1);
  });

  it('gives the worker the template env, the Lambda variables and the role credentials, nothing from the host', async () => {
    process.env['SANDBOX_HOST_SECRET'] = 'leak';
    const codeDir = writeFunctionCode({ 'main.mjs': 'export const handler = async () => process.env;' });
    const { fn } = makeFunction(functionConfig(codeDir, { environment: { TABLE_NAME: 'devices' }, memorySize: 256 }));

    const env = payloadOf(await fn.invoke({}));
    delete process.env['SANDBOX_HOST_SECRET'];

    expect(env).toMatchObject({
      TABLE_NAME: 'devices',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'fn',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_ACCESS_KEY_ID: 'ASIATEST1',
      AWS_SECRET_ACCESS_KEY: 'secret-1',
      AWS_SESSION_TOKEN: 'token-1',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
    });
    expect(env['SANDBOX_HOST_SECRET']).toBeUndefined();
  });

  it('answers a thrown error as a function error and keeps the worker', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs': 'export const handler = async () => { throw new TypeError("bad thing"); };',
    });
    const { fn } = makeFunction(functionConfig(codeDir));

    const first = await fn.invoke({});
    const second = await fn.invoke({});

    expect(first).toMatchObject({ kind: 'function-error', errorType: 'TypeError', errorMessage: 'bad thing' });
    expect(second.cold).toBe(false);
    expect(fn.counters()).toMatchObject({ errors: 2, coldStarts: 1 });
  });

  it('answers an error whose name or message is no string (a function inside) as text, not a crash', async () => {
    // Arrange: V8 serialization (the worker's IPC) cannot clone a function, where JSON dropped it
    const codeDir = writeFunctionCode({
      'main.mjs': `export const handler = async () => {
        const error = new Error('x');
        error.message = { reason: 'quota', toString() { return 'quota exceeded'; } };
        throw error;
      };`,
    });
    const { fn } = makeFunction(functionConfig(codeDir));

    // Act
    const first = await fn.invoke({});
    const second = await fn.invoke({});

    // Assert
    expect(first).toMatchObject({ kind: 'function-error', errorType: 'Error' });
    expect(first.kind === 'function-error' && first.errorMessage).toContain('quota');
    expect(second.cold).toBe(false);
  });

  it('kills a worker that exceeds the timeout and replaces it', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs':
        'export const handler = async (e) => { if (e.hang) await new Promise(() => setInterval(() => {}, 1000)); return "ok"; };',
    });
    const { fn } = makeFunction(functionConfig(codeDir, { timeoutSeconds: 0.3 }));

    const timedOut = await fn.invoke({ hang: true });
    const next = await fn.invoke({});

    expect(timedOut).toMatchObject({ kind: 'function-error', errorType: 'Sandbox.Timedout' });
    expect(timedOut.kind === 'function-error' && timedOut.errorMessage).toContain('Task timed out after 0.30 seconds');
    expect(next).toMatchObject({ kind: 'ok', payload: '"ok"', cold: true });
    expect(fn.counters()).toMatchObject({ timeouts: 1, coldStarts: 2 });
  });

  it('does not count the init phase against the function timeout, as Lambda does', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs': 'await new Promise((r) => setTimeout(r, 600));\nexport const handler = async () => "ready";',
    });
    const { fn } = makeFunction(functionConfig(codeDir, { timeoutSeconds: 0.3 }));

    const result = await fn.invoke({});

    expect(result).toMatchObject({ kind: 'ok', payload: '"ready"' });
  });

  it('reports a crashed runtime as Runtime.ExitError and replaces the worker', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs': 'export const handler = async (e) => { if (e.crash) process.exit(3); return "alive"; };',
    });
    const { fn } = makeFunction(functionConfig(codeDir));

    const crashed = await fn.invoke({ crash: true });
    const next = await fn.invoke({});

    expect(crashed).toMatchObject({ kind: 'function-error', errorType: 'Runtime.ExitError' });
    expect(crashed.kind === 'function-error' && crashed.errorMessage).toContain('exit status 3');
    expect(next).toMatchObject({ kind: 'ok', payload: '"alive"', cold: true });
    expect(fn.counters().crashes).toBe(1);
  });

  it('reports an init failure and retries the init on the next invocation', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs': 'throw new Error("bad env: TABLE_NAME");\nexport const handler = 1;',
    });
    const { fn } = makeFunction(functionConfig(codeDir));

    const first = await fn.invoke({});
    const second = await fn.invoke({});

    expect(first).toMatchObject({ kind: 'function-error', errorMessage: 'bad env: TABLE_NAME' });
    expect(second.cold).toBe(true);
  });

  it('names a missing handler export or module like the Node runtime', async () => {
    const codeDir = writeFunctionCode({ 'main.mjs': 'export const other = () => 1;' });
    const { fn: noExport } = makeFunction(functionConfig(codeDir));
    const { fn: noModule } = makeFunction(functionConfig(codeDir, { handler: 'missing.handler' }));

    const a = await noExport.invoke({});
    const b = await noModule.invoke({});

    expect(a).toMatchObject({ kind: 'function-error', errorType: 'Runtime.HandlerNotFound' });
    expect(b).toMatchObject({ kind: 'function-error', errorType: 'Runtime.ImportModuleError' });
  });

  it('captures the function output with the request id, plus START/END/REPORT lines', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs':
        'export const handler = async () => { console.log("hello %s", "world"); process.stdout.write(JSON.stringify({level:"INFO"}) + "\\n"); return 1; };',
    });
    const { fn } = makeFunction(functionConfig(codeDir));

    await fn.invoke({}, { requestId: 'req-logs' });
    const { lines } = fn.logs.snapshot();

    expect(lines[0]).toBe('START RequestId: req-logs Version: $LATEST');
    expect(lines).toContainEqual(expect.stringMatching(/\treq-logs\tINFO\thello world$/));
    expect(lines).toContain('{"level":"INFO"}');
    expect(lines.at(-1)).toMatch(/^REPORT RequestId: req-logs\tDuration: [\d.]+ ms.*Init Duration: \d+ ms$/);
  });

  it('fails with ExecutionRoleNotAssumable when the role cannot be assumed, and retries next time', async () => {
    const codeDir = writeFunctionCode({ 'main.mjs': 'export const handler = async () => 1;' });
    const credentials = vi.fn().mockRejectedValueOnce(new Error('AccessDenied')).mockResolvedValue(fakeCredentials());
    const { fn } = makeFunction(functionConfig(codeDir), credentials);

    const failure = await fn.invoke({}).catch((error: unknown) => error);
    const retry = await fn.invoke({});

    expect(failure).toBeInstanceOf(LambdaServiceError);
    expect(failure).toMatchObject({ code: 'ExecutionRoleNotAssumable' });
    expect(retry.kind).toBe('ok');
  });

  it('fails a response over 6 MB like Lambda does', async () => {
    const codeDir = writeFunctionCode({
      'main.mjs': 'export const handler = async () => "x".repeat(7 * 1024 * 1024);',
    });
    const { fn } = makeFunction(functionConfig(codeDir));

    const result = await fn.invoke({});

    expect(result).toMatchObject({ kind: 'function-error', errorType: 'Function.ResponseSizeTooLarge' });
  });

  it('lets queued invocations go on when starting a worker fails', async () => {
    const codeDir = writeFunctionCode({ 'main.mjs': 'export const handler = async () => 1;' });
    const credentials = vi
      .fn()
      .mockImplementationOnce(
        () => new Promise((_resolve, reject) => setTimeout(() => reject(new Error('AccessDenied')), 50)),
      )
      .mockResolvedValue(fakeCredentials());
    const { fn } = makeFunction(functionConfig(codeDir), credentials, 1);

    const [first, second] = await Promise.allSettled([fn.invoke({}), fn.invoke({})]);

    expect(first.status).toBe('rejected');
    expect(second).toMatchObject({ status: 'fulfilled', value: { kind: 'ok' } });
  });

  it('rejects invocations after stop', async () => {
    const { fn } = makeFunction(functionConfig(writeFunctionCode({ 'main.mjs': COUNTER })));
    await fn.stop();

    await expect(fn.invoke({})).rejects.toMatchObject({ code: 'FunctionNotFound' });
  });
});
