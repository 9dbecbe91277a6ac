import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors';
import { decodeNextToken, type TokenKey } from './decode-next-token';
import { encodeNextToken } from './encode-next-token';
import { tokenScope } from './token-scope';

const keys: TokenKey[] = [
  { name: 'deviceId', type: 'S', role: 'partition' },
  { name: 'ts', type: 'N', role: 'sort' },
];
const scope = '/items';

function envelope(json: string): string {
  return Buffer.from(`{"scope":"/items","key":${json}}`).toString('base64url');
}

describe('decodeNextToken', () => {
  it('round-trips a LastEvaluatedKey through encodeNextToken', () => {
    // Arrange
    const key = { deviceId: 'ünïcode/+=', ts: -1.5 };

    // Act
    const decoded = decodeNextToken(encodeNextToken(key, scope)!, keys, scope);

    // Assert
    expect(decoded).toEqual(key);
  });

  it('encodes the absence of a LastEvaluatedKey as null', () => {
    // Act
    const token = encodeNextToken(undefined, scope);

    // Assert
    expect(token).toBeNull();
  });

  it.each([
    ['a prototype-polluting key', '{"__proto__":{"x":1},"deviceId":"a"}'],
    ['a nested value', '{"deviceId":"a","ts":{"N":"1"}}'],
    ['a boolean sort key', '{"deviceId":"a","ts":true}'],
  ])('rejects %s', (_label, json) => {
    // Act
    const act = () => decodeNextToken(envelope(json), keys, scope);

    // Assert
    expect(act).toThrow(InvalidRequestError);
  });

  it.each([
    ['another route', '/items/{pk}', '/items'],
    ['another segment', tokenScope('/items', { segment: 1, totalSegments: 4 }), '/items segment 2 of 4'],
    ['the same segment of another split', '/items segment 1 of 4', '/items segment 1 of 8'],
    ['a segment, used without one', '/items segment 0 of 2', '/items'],
    ['another index', tokenScope('/indexes/{index}/items/{pk}', { index: 'byOwner' }), '/indexes/byType/items/{pk}'],
  ])('refuses a token issued for %s, naming both scopes', (_label, issuedFor, usedFor) => {
    // Arrange
    const token = encodeNextToken({ deviceId: 'd', ts: 1 }, issuedFor)!;

    // Act
    const act = () => decodeNextToken(token, keys, usedFor);

    // Assert
    expect(act).toThrow(`nextToken: was issued for ${JSON.stringify(issuedFor)}, not for ${JSON.stringify(usedFor)}`);
  });

  it('binds a Query token to its partition, whatever the spelling of a number key', () => {
    // Arrange
    const numberKeys: TokenKey[] = [
      { name: 'id', type: 'N', role: 'partition' },
      { name: 'ts', type: 'N', role: 'sort' },
    ];
    const token = encodeNextToken({ id: NumberValue.from('1.5'), ts: 2 }, scope)!;

    // Act
    const same = decodeNextToken(token, numberKeys, scope, { name: 'id', value: NumberValue.from('1.50') });
    const other = () => decodeNextToken(token, numberKeys, scope, { name: 'id', value: 15 });

    // Assert
    expect(same['ts']).toBe(2);
    expect(other).toThrow(/nextToken: was issued for another partition/);
  });

  const stringKeys: TokenKey[] = [
    { name: 'pk', type: 'S', role: 'partition' },
    { name: 'sk', type: 'S', role: 'sort' },
  ];

  it.each([
    ['ASCII', 'p'.repeat(2048), 's'.repeat(1024)],
    ['3-byte UTF-8', '€'.repeat(682) + 'pp', '€'.repeat(341) + 's'],
    ['control characters (6 JSON bytes each)', '\u0001'.repeat(2048), '"'.repeat(1024)],
  ])('round-trips keys at DynamoDB maximum sizes (2,048 / 1,024 bytes): %s', (_label, pk, sk) => {
    // Arrange: the review's repro, a 2,048-byte partition key gave a token the API then refused.
    const token = encodeNextToken({ pk, sk }, scope)!;

    // Act
    const decoded = decodeNextToken(token, stringKeys, scope);

    // Assert
    expect(Buffer.byteLength(pk)).toBe(2048);
    expect(Buffer.byteLength(sk)).toBe(1024);
    expect(token.length).toBeGreaterThan(2048);
    expect(decoded).toEqual({ pk, sk });
  });

  it("round-trips an index token at maximum sizes: the index's keys and the table's, under the longest index name", () => {
    // Arrange: GSI keys (2,048 + 1,024 bytes) plus the table's own (2,048 + 1,024), every byte a control character.
    const indexKeys: TokenKey[] = [
      { name: 'owner', type: 'S', role: 'partition' },
      { name: 'at', type: 'S', role: 'sort' },
      ...stringKeys,
    ];
    const key = {
      owner: '\u0002'.repeat(2048),
      at: '\u0003'.repeat(1024),
      pk: '\u0001'.repeat(2048),
      sk: '\\'.repeat(1024),
    };
    const indexScope = tokenScope('/indexes/{index}/items/{pk}', { index: 'i'.repeat(255) });

    // Act
    const decoded = decodeNextToken(encodeNextToken(key, indexScope)!, indexKeys, indexScope);

    // Assert
    expect(decoded).toEqual(key);
  });

  it('round-trips 38-digit number keys', () => {
    // Arrange
    const numberKeys: TokenKey[] = [
      { name: 'id', type: 'N', role: 'partition' },
      { name: 'ts', type: 'N', role: 'sort' },
    ];
    const key = { id: '-1.2345678901234567890123456789012345678E+125', ts: '12345678901234567890123456789012345678' };

    // Act
    const decoded = decodeNextToken(encodeNextToken(key, scope)!, numberKeys, scope);

    // Assert
    expect(Object.fromEntries(Object.entries(decoded).map(([k, v]) => [k, String(v)]))).toEqual(key);
  });

  it('rejects a key one byte over the limit, naming the size', () => {
    // Arrange
    const token = encodeNextToken({ pk: 'p'.repeat(2049), sk: 's' }, scope)!;

    // Act
    const act = () => decodeNextToken(token, stringKeys, scope);

    // Assert
    expect(act).toThrow(/nextToken: .*must be at most 2048 bytes, got 2049/);
  });

  it('refuses a token longer than the largest legal key can encode to, before decoding it', () => {
    // Arrange
    const huge = 'A'.repeat(100_000);

    // Act
    const act = () => decodeNextToken(huge, stringKeys, scope);

    // Assert
    expect(act).toThrow(/too long \(100000 characters, at most \d+ for this route's keys\)/);
  });
});
