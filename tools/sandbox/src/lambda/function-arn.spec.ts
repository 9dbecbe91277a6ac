import { describe, expect, it } from 'vitest';
import { functionArn } from './function-arn';

describe('functionArn', () => {
  it.each([
    ['reader', 'arn:aws:lambda:us-east-1:111111111111:function:reader'],
    ['222222222222:function:reader', 'arn:aws:lambda:us-east-1:222222222222:function:reader'],
    ['arn:aws:lambda:eu-west-1:333333333333:function:reader', 'arn:aws:lambda:eu-west-1:333333333333:function:reader'],
    [
      'arn:aws:lambda:eu-west-1:333333333333:function:reader:$LATEST',
      'arn:aws:lambda:eu-west-1:333333333333:function:reader',
    ],
  ])('%s -> %s', (input, expected) => {
    expect(functionArn(input, '111111111111', 'us-east-1')).toBe(expected);
  });
});
