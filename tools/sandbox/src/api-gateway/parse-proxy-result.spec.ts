import { describe, expect, it } from 'vitest';
import { parseProxyResult } from './parse-proxy-result';

describe('parseProxyResult', () => {
  it('reads status, headers and body', () => {
    const result = parseProxyResult(JSON.stringify({ statusCode: 201, headers: { 'X-A': 1 }, body: 'hi' }));

    expect(result).toEqual({ statusCode: 201, headers: { 'x-a': '1' }, body: Buffer.from('hi') });
  });

  it.each([
    ['not json', 'nope'],
    ['an array', '[]'],
    ['null', 'null'],
    ['a non-string body', '{"statusCode":200,"body":{}}'],
    ['an unknown key', '{"statusCode":200,"body":"","extra":1}'],
    ['a bad status', '{"statusCode":"abc"}'],
    ['multi-value headers that are not arrays', '{"statusCode":200,"multiValueHeaders":{"a":"b"}}'],
  ])('rejects %s as malformed', (_label, payload) => {
    expect(parseProxyResult(payload)).toBeUndefined();
  });
});
