import { afterEach, describe, expect, it, vi } from 'vitest';
import { LambdaService } from './lambda-service';
import { fakeCredentials } from './test-support/fake-credentials';
import { functionConfig } from './test-support/function-config';
import { writeFunctionCode } from './test-support/write-function-code';

const FN = 'arn:aws:lambda:us-east-1:111111111111:function:fn';
const API_SOURCE = 'arn:aws:execute-api:us-east-1:111111111111:abc123/prod/GET/items';

let service: LambdaService;

function newService(): LambdaService {
  service = new LambdaService({
    credentials: vi.fn(async () => fakeCredentials()),
    sandboxEndpoint: 'http://127.0.0.1:1',
  });
  return service;
}

afterEach(async () => {
  await service.stop();
});

describe('LambdaService', () => {
  it('allows API Gateway only with a permission whose SourceArn matches', () => {
    // Arrange
    const lambda = newService();
    lambda.addPermission({
      statementId: 's1',
      functionArn: FN,
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: 'arn:aws:execute-api:us-east-1:111111111111:abc123/prod/GET/items',
    });
    const caller = { principal: 'apigateway.amazonaws.com', sourceArn: API_SOURCE, sourceAccount: '111111111111' };

    // Act / Assert
    expect(lambda.isInvokeAllowed(FN, caller)).toBe(true);
    expect(lambda.isInvokeAllowed(FN, { ...caller, sourceArn: API_SOURCE.replace('prod', 'dev') })).toBe(false);
    expect(lambda.isInvokeAllowed(FN, { ...caller, principal: 'events.amazonaws.com' })).toBe(false);
    expect(lambda.isInvokeAllowed(FN.replace(':fn', ':other'), caller)).toBe(false);
  });

  it('matches wildcard SourceArns and SourceAccount, and forgets removed permissions', () => {
    const lambda = newService();
    lambda.addPermission({
      statementId: 's1',
      functionArn: FN,
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: 'arn:aws:execute-api:us-east-1:111111111111:abc123/*/*/items/*',
      sourceAccount: '111111111111',
    });
    const caller = {
      principal: 'apigateway.amazonaws.com',
      sourceArn: 'arn:aws:execute-api:us-east-1:111111111111:abc123/prod/GET/items/d0001',
      sourceAccount: '111111111111',
    };

    const before = lambda.isInvokeAllowed(FN, caller);
    const otherAccount = lambda.isInvokeAllowed(FN, { ...caller, sourceAccount: '333333333333' });
    lambda.removePermission(FN, 's1');
    const after = lambda.isInvokeAllowed(FN, caller);

    expect([before, otherAccount, after]).toEqual([true, false, false]);
  });

  it('invokes deployed functions, counts them, and rejects unknown ones', async () => {
    const lambda = newService();
    lambda.deploy(functionConfig(writeFunctionCode({ 'main.mjs': 'export const handler = async (e) => e.n * 2;' })));

    const result = await lambda.invoke(FN, { n: 21 });
    const unknown = await lambda.invoke(`${FN}x`, {}).catch((error: unknown) => error);

    expect(result).toMatchObject({ kind: 'ok', payload: '42' });
    expect(lambda.counters()).toMatchObject({ invocations: 1, coldStarts: 1, functions: { fn: { invocations: 1 } } });
    expect(unknown).toMatchObject({ code: 'FunctionNotFound' });
  });

  it('redeploys in place: same function, fresh worker', async () => {
    const lambda = newService();
    const codeDir = writeFunctionCode({ 'main.mjs': 'let n = 0; export const handler = async () => ++n;' });
    const first = lambda.deploy(functionConfig(codeDir));
    await lambda.invoke(FN, {});
    await lambda.invoke(FN, {});

    const second = lambda.deploy(functionConfig(codeDir, { timeoutSeconds: 10 }));
    const result = await lambda.invoke(FN, {});

    expect(second).toBe(first);
    expect(result).toMatchObject({ payload: '1', cold: true });
  });

  it('removes a function with its permissions', async () => {
    const lambda = newService();
    lambda.deploy(functionConfig(writeFunctionCode({ 'main.mjs': 'export const handler = async () => 1;' })));
    lambda.addPermission({ statementId: 's', functionArn: FN, action: 'lambda:InvokeFunction', principal: '*' });

    await lambda.remove(FN);

    expect(lambda.get(FN)).toBeUndefined();
    expect(lambda.isInvokeAllowed(FN, { principal: 'x', sourceArn: 'y', sourceAccount: 'z' })).toBe(false);
  });
});
