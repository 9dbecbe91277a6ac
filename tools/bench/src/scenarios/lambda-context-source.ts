/**
 * JS source declaring `lambdaContext`: the Lambda context object the reader's handler gets, for the scripts the
 * bench runs in child processes (plain JS strings, so they share this text rather than an import).
 */
export const LAMBDA_CONTEXT_SOURCE = `const lambdaContext = {
  awsRequestId: 'bench', functionName: 'reader', functionVersion: '$LATEST', memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:reader', callbackWaitsForEmptyEventLoop: true,
  logGroupName: '/aws/lambda/reader', logStreamName: 'bench', getRemainingTimeInMillis: () => 30000,
};`;
