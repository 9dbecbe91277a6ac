import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './is-loopback-host';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.0.0.1:4566', 'localhost', 'LOCALHOST:4566', '[::1]', '[::1]:4566', '127.8.9.10:80'])(
    'accepts %s',
    (host) => {
      // Act / Assert
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    undefined,
    '',
    'evil.example:4566',
    'localhost.evil.example',
    '127.0.0.1.evil.example',
    '127.0.0.256',
    '10.0.0.1:4566',
    '[::2]:4566',
    '0.0.0.0:4566',
    'localhost:4566:1',
  ])('refuses %s', (host) => {
    // Act / Assert
    expect(isLoopbackHost(host)).toBe(false);
  });
});
