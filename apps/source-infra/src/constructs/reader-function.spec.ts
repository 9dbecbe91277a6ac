import { App, Duration, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { defaultReaderBundleDir } from '../default-reader-bundle-dir';
import { ReaderFunction, type ReaderFunctionProps } from './reader-function';

function props(stack: Stack, overrides: Partial<ReaderFunctionProps> = {}): ReaderFunctionProps {
  return {
    bundleDir: defaultReaderBundleDir(),
    role: new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }),
    logGroup: new LogGroup(stack, 'Logs'),
    environment: {},
    ...overrides,
  };
}

describe('ReaderFunction', () => {
  it('rejects a timeout API Gateway would cut off (29 s) with TIMEOUT_TOO_LONG', () => {
    const stack = new Stack(new App(), 'S');
    const tooLong = props(stack, { timeout: Duration.seconds(29) });

    const act = (): unknown => new ReaderFunction(stack, 'F', tooLong);

    expect(act).toThrow(
      expect.objectContaining({
        code: 'TIMEOUT_TOO_LONG',
        message: expect.stringContaining("below API Gateway's 29 s"),
      }),
    );
  });

  it('accepts an explicit memory size and a timeout just below the limit', () => {
    const stack = new Stack(new App(), 'S');

    const fn = new ReaderFunction(stack, 'F', props(stack, { memorySize: 512, timeout: Duration.seconds(28) }));

    const cfn = fn.function.node.defaultChild as CfnFunction;
    expect(cfn.memorySize).toBe(512);
    expect(cfn.timeout).toBe(28);
  });
});
