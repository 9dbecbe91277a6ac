import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { toDynamodbJson } from './to-dynamodb-json';
import { toJsonValue } from './to-json-value';
import { unmarshallNumber } from './unmarshall-number';

describe('unmarshallNumber', () => {
  it.each(['0', '42', '-7', '18.5', '0.1', '9007199254740991', '-9007199254740991', '1e-7'])(
    'reads %s as a number that writes back as the same digits',
    (text) => {
      const value = unmarshallNumber(text);
      expect(typeof value).toBe('number');
      expect(String(value)).toBe(text);
      expect(toDynamodbJson(value)).toEqual({ N: text });
    },
  );

  it.each([
    ['1.50', 'trailing zero'],
    ['9007199254740993', 'past 2^53: a double would round it'],
    ['18014398509481984', 'exact as a double but not a safe integer'],
    ['0.12345678901234567891', 'more digits than a double holds'],
    ['1E+2', 'not the shortest form'],
    ['99999999999999999999999999999999999999', '38 digits'],
  ])('keeps %s (%s) as a NumberValue with its digits, in both formats', (text) => {
    const value = unmarshallNumber(text);
    expect(value).toBeInstanceOf(NumberValue);
    expect(toDynamodbJson(value)).toEqual({ N: text });
    expect(toJsonValue({ n: value })).toEqual({ n: expect.anything() });
  });
});
