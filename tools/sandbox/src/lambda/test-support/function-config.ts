import type { LambdaFunctionConfig } from '../types';

/** A function config for tests; `codeDir` is required, the rest has plain defaults. */
export function functionConfig(codeDir: string, overrides: Partial<LambdaFunctionConfig> = {}): LambdaFunctionConfig {
  return {
    functionName: 'fn',
    functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:fn',
    accountId: '111111111111',
    region: 'us-east-1',
    handler: 'main.handler',
    codeDir,
    runtime: 'nodejs22.x',
    memorySize: 128,
    timeoutSeconds: 3,
    environment: {},
    roleArn: 'arn:aws:iam::111111111111:role/fn-role',
    ...overrides,
  };
}
