import { describe, expect, it } from 'vitest';
import { sandboxUrlOf } from './sandbox-url-of';

describe('sandboxUrlOf', () => {
  it('maps an API Gateway stage URL to the sandbox URL of the same API and stage', () => {
    expect(sandboxUrlOf('https://ab12cd34ef.execute-api.us-east-1.amazonaws.com/v1/', 'http://127.0.0.1:4566')).toBe(
      'http://127.0.0.1:4566/restapis/ab12cd34ef/v1/_user_request_/',
    );
  });

  it.each(['arn:aws:iam::111111111111:role/reader', 'https://example.com/v1/', 'xacct-local-reader'])(
    'leaves other outputs alone: %s',
    (value) => {
      expect(sandboxUrlOf(value, 'http://127.0.0.1:4566')).toBeUndefined();
    },
  );
});
