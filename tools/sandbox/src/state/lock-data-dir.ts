import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxConfigError } from '../errors';

/**
 * Takes `<dataDir>/sandbox.lock` (the owner's pid) for one sandbox: two on one data dir would overwrite each other's
 * state.json and crash dynalite in LevelDB. A lock whose process is gone (a sandbox killed with SIGKILL) is taken
 * over. Returns the release, which removes the lock only while it is still this process's.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'sandbox.lock');
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      return () => {
        if (readOwner(file) === mine) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner !== undefined && isRunning(Number(owner))) {
        throw new SandboxConfigError(
          `--data-dir ${dataDir} is in use by another sandbox (pid ${owner}): stop it, or pass another --data-dir.`,
        );
      }
      // Its sandbox died without stopping: the lock is stale.
      rmSync(file, { force: true });
    }
  }
  throw new SandboxConfigError(`--data-dir ${dataDir}: could not take ${file}; another sandbox keeps taking it.`);
}

function readOwner(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return /^\d+$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}
