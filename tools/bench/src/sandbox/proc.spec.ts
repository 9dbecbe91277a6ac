import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findWorkerPids } from './find-worker-pids';
import { readPeakRss } from './read-peak-rss';

describe('readPeakRss', () => {
  it('reads a plausible peak RSS of this process', () => {
    const mb = readPeakRss(process.pid);
    expect(mb).toBeGreaterThan(10);
    expect(mb).toBeLessThan(4096);
  });

  it('fails clearly for a process that does not exist', () => {
    expect(() => readPeakRss(2 ** 22 + 1)).toThrowError(/ENOENT/);
  });
});

describe('findWorkerPids', () => {
  it('finds a child by the function name in its environment and ignores others', async () => {
    // Arrange
    const env = { PATH: process.env['PATH'] ?? '/usr/bin' };
    const worker = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], {
      env: { ...env, AWS_LAMBDA_FUNCTION_NAME: 'bench-spec-fn' },
    });
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], {
      env: { ...env, AWS_LAMBDA_FUNCTION_NAME: 'another-fn' },
    });
    try {
      // Act
      const pids = findWorkerPids('bench-spec-fn');
      // Assert
      expect(pids).toEqual([worker.pid]);
    } finally {
      worker.kill();
      other.kill();
    }
  });
});
