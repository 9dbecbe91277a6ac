import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors';
import { decodeNextToken } from './decode-next-token';
import { encodeNextToken } from './encode-next-token';

const keys = [
  { name: 'deviceId', type: 'S' as const },
  { name: 'ts', type: 'N' as const },
];

describe('decodeNextToken', () => {
  it('round-trips a LastEvaluatedKey through encodeNextToken', () => {
    // Arrange
    const key = { deviceId: 'ünïcode/+=', ts: -1.5 };

    // Act
    const decoded = decodeNextToken(encodeNextToken(key)!, keys);

    // Assert
    expect(decoded).toEqual(key);
  });

  it('encodes the absence of a LastEvaluatedKey as null', () => {
    // Act
    const token = encodeNextToken(undefined);

    // Assert
    expect(token).toBeNull();
  });

  it.each([
    ['a prototype-polluting key', '{"__proto__":{"x":1},"deviceId":"a"}'],
    ['a nested value', '{"deviceId":"a","ts":{"N":"1"}}'],
    ['a boolean sort key', '{"deviceId":"a","ts":true}'],
  ])('rejects %s', (_label, json) => {
    // Arrange
    const token = Buffer.from(json).toString('base64url');

    // Act
    const act = () => decodeNextToken(token, keys);

    // Assert
    expect(act).toThrow(InvalidRequestError);
  });

  const stringKeys = [
    { name: 'pk', type: 'S' as const },
    { name: 'sk', type: 'S' as const },
  ];

  it.each([
    ['ASCII', 'p'.repeat(2048), 's'.repeat(1024)],
    ['3-byte UTF-8', '€'.repeat(682) + 'pp', '€'.repeat(341) + 's'],
    ['control characters (6 JSON bytes each)', '\u0001'.repeat(2048), '"'.repeat(1024)],
  ])('round-trips keys at DynamoDB maximum sizes (2,048 / 1,024 bytes): %s', (_label, pk, sk) => {
    // Arrange: the review's repro, a 2,048-byte partition key gave a token the API then refused.
    const token = encodeNextToken({ pk, sk })!;

    // Act
    const decoded = decodeNextToken(token, stringKeys);

    // Assert
    expect(Buffer.byteLength(pk)).toBe(2048);
    expect(Buffer.byteLength(sk)).toBe(1024);
    expect(token.length).toBeGreaterThan(2048);
    expect(decoded).toEqual({ pk, sk });
  });

  it('round-trips 38-digit number keys', () => {
    // Arrange
    const numberKeys = [
      { name: 'id', type: 'N' as const },
      { name: 'ts', type: 'N' as const },
    ];
    const key = { id: '-1.2345678901234567890123456789012345678E+125', ts: '12345678901234567890123456789012345678' };

    // Act
    const decoded = decodeNextToken(encodeNextToken(key)!, numberKeys);

    // Assert
    expect(Object.fromEntries(Object.entries(decoded).map(([k, v]) => [k, String(v)]))).toEqual(key);
  });

  it('rejects a key one byte over the limit, naming the size', () => {
    // Arrange
    const token = encodeNextToken({ pk: 'p'.repeat(2049), sk: 's' })!;

    // Act
    const act = () => decodeNextToken(token, stringKeys);

    // Assert
    expect(act).toThrow(/nextToken: .*must be at most 2048 bytes, got 2049/);
  });

  it('refuses a token longer than the largest legal key can encode to, before decoding it', () => {
    // Arrange
    const huge = 'A'.repeat(100_000);

    // Act
    const act = () => decodeNextToken(huge, stringKeys);

    // Assert
    expect(act).toThrow(/too long \(100000 characters, at most \d+ for this table's keys\)/);
  });
});
