import { describe, expect, it } from 'vitest';
import { PROBE_RESULT_MARKER } from './cold-start-probe-script';
import { parseProbeOutput } from './parse-probe-output';

describe('parseProbeOutput', () => {
  it('finds the result line among the handler log lines', () => {
    // Arrange
    const stdout = `{"level":"INFO","message":"request"}\n${PROBE_RESULT_MARKER}{"importMs":12.5,"firstRequestMs":40,"statusCode":200}\n`;
    // Act
    const result = parseProbeOutput(stdout);
    // Assert
    expect(result).toEqual({ importMs: 12.5, firstRequestMs: 40, statusCode: 200 });
  });

  it('reports an import-only run with nulls', () => {
    const result = parseProbeOutput(`${PROBE_RESULT_MARKER}{"importMs":3,"firstRequestMs":null,"statusCode":null}`);
    expect(result).toEqual({ importMs: 3, firstRequestMs: null, statusCode: null });
  });

  it('fails with the tail of the output when the probe printed no result', () => {
    expect(() => parseProbeOutput('Error: Cannot find module')).toThrowError(
      /printed no result line[\s\S]*Cannot find module/,
    );
  });
});
