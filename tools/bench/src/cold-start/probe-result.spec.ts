import { describe, expect, it } from 'vitest';
import { probeResult } from './probe-result';

describe('probeResult', () => {
  it('keeps the times and status of a first-request probe', () => {
    expect(probeResult({ importMs: 12.5, firstRequestMs: 40, statusCode: 200 })).toEqual({
      importMs: 12.5,
      firstRequestMs: 40,
      statusCode: 200,
    });
  });

  it('reports an import-only probe with nulls', () => {
    expect(probeResult({ importMs: 3, firstRequestMs: null, statusCode: null })).toEqual({
      importMs: 3,
      firstRequestMs: null,
      statusCode: null,
    });
  });

  it('rejects a result without an import time, showing what came back', () => {
    expect(() => probeResult({ statusCode: 500 })).toThrowError(/no importMs: \{"statusCode":500\}/);
    expect(() => probeResult(null)).toThrowError(/no importMs/);
  });
});
