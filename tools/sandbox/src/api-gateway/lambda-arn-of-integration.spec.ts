import { describe, expect, it } from 'vitest';
import { lambdaArnOfIntegration } from './lambda-arn-of-integration';

describe('lambdaArnOfIntegration', () => {
  it('finds the function ARN in a proxy integration URI', () => {
    const uri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:reader/invocations';

    expect(lambdaArnOfIntegration(uri)).toBe('arn:aws:lambda:us-east-1:111111111111:function:reader');
  });

  it.each([undefined, '', 'https://example.invalid/x', 'arn:aws:apigateway:us-east-1:dynamodb:action/Scan'])(
    '%s has none',
    (uri) => {
      expect(lambdaArnOfIntegration(uri)).toBeUndefined();
    },
  );
});
