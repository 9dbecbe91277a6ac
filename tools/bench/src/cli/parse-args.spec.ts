import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse-args';

describe('parseArgs', () => {
  it('defaults to the full run of every measurement into bench-results.json', () => {
    const options = parseArgs([]);
    expect(options).toEqual({
      quick: false,
      only: new Set([1, 2, 3, 4, 5, 6]),
      out: 'bench-results.json',
      updateReadme: false,
    });
  });

  it('reads --quick, --only and --out', () => {
    const options = parseArgs(['--quick', '--only=3,1', '--out=tmp/b.json']);
    expect(options).toEqual({ quick: true, only: new Set([1, 3]), out: 'tmp/b.json', updateReadme: false });
  });

  it('reads --only and --out with their value as the next argument', () => {
    const options = parseArgs(['--only', '2', '--quick', '--out', 'tmp/b.json']);
    expect(options).toEqual({ quick: true, only: new Set([2]), out: 'tmp/b.json', updateReadme: false });
    // A flag is never taken as the value.
    expect(() => parseArgs(['--only', '--quick'])).toThrowError(/incomplete argument "--only"/);
  });

  it('reads --update-readme with --out, and refuses it with flags that choose what to measure', () => {
    expect(parseArgs(['--update-readme', '--out=tmp/b.json'])).toMatchObject({ updateReadme: true, out: 'tmp/b.json' });
    expect(() => parseArgs(['--update-readme', '--quick'])).toThrowError(/--update-readme measures nothing/);
    expect(() => parseArgs(['--update-readme', '--only=5'])).toThrowError(/--update-readme measures nothing/);
  });

  it('answers help for --help', () => {
    expect(parseArgs(['--help'])).toBe('help');
  });

  it('rejects an unknown flag, naming it and printing the usage', () => {
    expect(() => parseArgs(['--quik'])).toThrowError(/unknown or incomplete argument "--quik"[\s\S]*Usage:/);
  });

  it('rejects an unknown measurement number and an empty --only', () => {
    expect(() => parseArgs(['--only=7'])).toThrowError(/"7" is not one of 1, 2, 3, 4, 5, 6/);
    expect(() => parseArgs(['--only='])).toThrowError(/incomplete argument "--only="/);
  });
});
