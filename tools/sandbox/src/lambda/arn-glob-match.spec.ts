import { describe, expect, it } from 'vitest';
import { arnGlobMatch } from './arn-glob-match';

describe('arnGlobMatch', () => {
  it.each([
    ['arn:aws:execute-api:us-east-1:1:api/*/GET/items', 'arn:aws:execute-api:us-east-1:1:api/prod/GET/items', true],
    ['arn:aws:execute-api:us-east-1:1:api/*', 'arn:aws:execute-api:us-east-1:1:api/prod/GET/items/x', true],
    [
      'arn:aws:execute-api:us-east-1:1:api/prod/GET/items',
      'arn:aws:execute-api:us-east-1:1:api/prod/GET/items/x',
      false,
    ],
    ['arn:aws:execute-api:us-east-1:1:api/pro?/GET/items', 'arn:aws:execute-api:us-east-1:1:api/prod/GET/items', true],
    ['arn:aws:execute-api:us-east-1:1:a.i/prod', 'arn:aws:execute-api:us-east-1:1:abi/prod', false],
  ])('%s vs %s -> %s', (pattern, value, expected) => {
    expect(arnGlobMatch(pattern, value)).toBe(expected);
  });
});
