import { describe, expect, it } from 'vitest';
import { sessionNameFor } from './session-name-for';

describe('sessionNameFor', () => {
  it.each([
    ['xacct-local-reader', 'xacct-local-reader'],
    ['fn:with/odd chars!', 'fn-with-odd-chars-'],
    ['a', 'a-session'],
    ['', '-session'],
    ['x'.repeat(100), 'x'.repeat(64)],
    ['keeps_+=,.@-', 'keeps_+=,.@-'],
  ])('%j -> %j', (input, expected) => {
    // Act
    const name = sessionNameFor(input);

    // Assert
    expect(name).toBe(expected);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
