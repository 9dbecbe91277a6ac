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

  it('accepts exactly 2048 characters and rejects 2049 as too long', () => {
    // Arrange
    const exact = encodeNextToken({ deviceId: 'x'.repeat(1514), ts: 1 })!;
    const over = `${exact}A`;

    // Act
    const longest = () => decodeNextToken(exact, keys);
    const tooLong = () => decodeNextToken(over, keys);

    // Assert
    expect(exact).toHaveLength(2048);
    expect(longest).not.toThrow();
    expect(tooLong).toThrow(/too long \(2049 characters, at most 2048\)/);
  });
});
