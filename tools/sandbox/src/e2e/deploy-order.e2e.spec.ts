import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReaderStack } from './reader-stack';

describe('deploy order: source-infra before target-infra (the classic failure, then the fix, no restart)', () => {
  let stack: ReaderStack;

  beforeAll(async () => {
    stack = await ReaderStack.start();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 502 TargetAccessDenied, without internals, while the target is missing', async () => {
    // Arrange
    await stack.deploySource();

    // Act
    const response = await stack.get('/items');

    // Assert
    expect(response.status).toBe(502);
    expect(response.json).toMatchObject({
      error: {
        code: 'TargetAccessDenied',
        message: expect.stringMatching(/^TargetAccessDenied: .*retrying will not help/),
        requestId: expect.any(String),
      },
    });
    // The diagnosis (trust policy, ExternalId, role ARN) is on the function's log line, never in the response.
    expect(response.text).not.toMatch(/ASIA|AKIA|sessionToken|at .*\.m?js:\d+|arn:|ExternalId|EXTERNAL_ID|trust/);
    expect(stack.sandbox.counters()['sts']?.['AssumeRole']).toBe(1);
  });

  it('returns the two sample items once target-infra is deployed and seeded', async () => {
    // Arrange
    await stack.deployTarget();
    await stack.seed();

    // Act
    const response = await stack.get('/items');

    // Assert
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      items: expect.arrayContaining([
        { deviceId: 'd0001', name: 'This is a pen.' },
        { deviceId: 'd0002', name: 'Fooooooo' },
      ]),
      nextToken: null,
    });
    // The same warm worker served both calls: the failed AssumeRole was not cached.
    expect(stack.sandbox.counters()['lambda']).toMatchObject({ ColdStart: 1, Invoke: 2 });
  });
});
