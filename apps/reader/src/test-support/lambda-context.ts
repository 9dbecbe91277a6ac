import type { Context } from 'aws-lambda';

/** A Lambda context with a fixed request id and remaining time. */
export function lambdaContext(awsRequestId = 'lambda-request-1', remainingMs = 10_000): Context {
  return {
    awsRequestId,
    functionName: 'xacct-local-reader',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:xacct-local-reader',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/xacct-local-reader',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
