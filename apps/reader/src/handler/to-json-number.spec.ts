import { describe, expect, it } from 'vitest';
import { toJsonNumber } from './to-json-number';

describe('toJsonNumber', () => {
  it.each([
    ['42', 42],
    ['-7', -7],
    ['3.5', 3.5],
    ['0.000123', 0.000123],
    ['9007199254740991', 9007199254740991],
    ['9007199254740993', '9007199254740993'],
    ['123456789012345678901234', '123456789012345678901234'],
    ['1.2345678901234567890123', '1.2345678901234567890123'],
    ['1E+130', '1E+130'],
    ['0.1', 0.1],
    ['0.1234567890123456', 0.1234567890123456],
    ['0.12345678901234567891', '0.12345678901234567891'],
    // Rounds to the integer 1 as a double, yet has 20 significant digits.
    ['1.0000000000000000001', '1.0000000000000000001'],
  ])('%s -> %j', (input, expected) => {
    // Act
    const value = toJsonNumber(input);

    // Assert
    expect(value).toBe(expected);
  });
});
