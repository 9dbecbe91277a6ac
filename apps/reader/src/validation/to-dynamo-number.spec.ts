import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { toDynamoNumber } from './to-dynamo-number';

describe('toDynamoNumber', () => {
  it.each([
    ['42', 42],
    ['-2.5', -2.5],
    ['0', 0],
    ['1e-130', 1e-130],
    ['2.5E+3', 2500],
    ['9007199254740991', 9007199254740991],
    ['0.1', 0.1],
  ])('keeps %s a plain number (a double holds it exactly)', (text, expected) => {
    // Act
    const result = toDynamoNumber(text);

    // Assert
    expect(result).toEqual({ value: expected });
  });

  it.each([
    '0.12345678901234567891',
    '9007199254740993',
    '9007199254740992',
    '1.0000000000000000001',
    '9.9999999999999999999999999999999999999E+125',
    `1${'0'.repeat(125)}`,
    '-1.00000000000000000001E-130',
  ])('passes %s as a NumberValue with its exact digits', (text) => {
    // Act
    const result = toDynamoNumber(text);

    // Assert
    expect(result).toEqual({ value: NumberValue.from(text) });
  });

  it.each([
    ['1e-131', /outside the range/],
    ['0.99e-130', /outside the range/],
    ['1e126', /outside the range/],
    [`1${'0'.repeat(126)}`, /outside the range/],
    ['1e99999999999999999999', /outside the range/],
    [`1.${'2'.repeat(38)}`, /39 significant digits; DynamoDB numbers hold at most 38/],
    ['abc', /not a plain decimal/],
    ['0x10', /not a plain decimal/],
    ['+1', /not a plain decimal/],
    ['01', /not a plain decimal/],
    ['1.', /not a plain decimal/],
    ['.5', /not a plain decimal/],
    ['Infinity', /not a plain decimal/],
    ['', /not a plain decimal/],
  ])('rejects %s', (text, problem) => {
    // Act
    const result = toDynamoNumber(text);

    // Assert
    expect(result).toEqual({ problem: expect.stringMatching(problem) });
  });
});
