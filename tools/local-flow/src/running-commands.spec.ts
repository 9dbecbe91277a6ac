import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from './run-command';
import { runningCommands } from './running-commands';

describe('runningCommands', () => {
  let dir: string;
  const node = (script: string) => runCommand(process.execPath, ['-e', script], { cwd: dir });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'running-commands-'));
  });
  afterEach(async () => {
    await runningCommands.stopAll(100);
    rmSync(dir, { recursive: true, force: true });
  });

  it('forgets a command once it has finished', async () => {
    // Act
    const output = await node('console.log("done")');
    // Assert
    expect(output).toBe('done\n');
    expect(runningCommands.size).toBe(0);
  });

  it('stops a running command with SIGTERM', async () => {
    // Arrange
    const running = node('setInterval(() => {}, 1000)');
    const outcome = running.catch((error: unknown) => error);
    expect(runningCommands.size).toBe(1);
    // Act
    await runningCommands.stopAll(10_000);
    // Assert
    expect(await outcome).toMatchObject({
      code: 'StepFailure',
      message: expect.stringContaining('stopped by SIGTERM'),
    });
    expect(runningCommands.size).toBe(0);
  });

  it('kills a command that ignores SIGTERM with SIGKILL after the grace period', async () => {
    // Arrange
    const ready = join(dir, 'ready');
    const running = node(
      `process.on('SIGTERM', () => {}); require('node:fs').writeFileSync(${JSON.stringify(ready)}, ''); setInterval(() => {}, 1000)`,
    );
    const outcome = running.catch((error: unknown) => error);
    await vi.waitFor(() => expect(existsSync(ready)).toBe(true), { timeout: 10_000 });
    // Act
    await runningCommands.stopAll(200);
    // Assert
    expect(await outcome).toMatchObject({ message: expect.stringContaining('stopped by SIGKILL') });
    expect(runningCommands.size).toBe(0);
  });

  it('does nothing when no command runs', async () => {
    // Act / Assert
    await expect(runningCommands.stopAll(10)).resolves.toBeUndefined();
  });
});
