import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './lock-data-dir';

describe('lockDataDir', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes the lock with its pid and gives it back', () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'sandbox.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'sandbox.lock'))).toBe(false);
  });

  it('takes over the lock of a sandbox that died without stopping (its pid is gone)', () => {
    // Arrange: a pid that is surely not running (above the kernel's pid_max)
    const dir = dataDir();
    writeFileSync(join(dir, 'sandbox.lock'), '99999999');
    // Act
    const release = lockDataDir(dir);
    // Assert
    expect(readFileSync(join(dir, 'sandbox.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('takes over an unreadable lock file, and creates a data dir that does not exist yet', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'sandbox.lock'), 'garbage');
    lockDataDir(dir)();
    const fresh = join(dir, 'new', 'dir');
    lockDataDir(fresh)();
    expect(existsSync(fresh)).toBe(true);
  });

  it('leaves a lock alone that another sandbox took after this one lost it', () => {
    // Arrange
    const dir = dataDir();
    const release = lockDataDir(dir);
    writeFileSync(join(dir, 'sandbox.lock'), '1');
    // Act
    release();
    // Assert
    expect(readFileSync(join(dir, 'sandbox.lock'), 'utf8')).toBe('1');
  });
});
