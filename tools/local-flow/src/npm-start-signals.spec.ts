import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { WORKSPACE_ROOT } from './local-flow';

/** Parent pid of every live process, from /proc (Linux). */
function parentPids(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid ...`; comm may contain spaces, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

function descendantsOf(root: number): number[] {
  const parents = parentPids();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

const alive = (pid: number) => parentPids().has(pid);

// A supervisor (systemd, a CI runner, `timeout`) signals the npm process only, not its process group: npm forwards
// the signal to the script's shell, and the script must `exec` so that the shell does not swallow it.
describe.runIf(process.platform === 'linux').each(['SIGTERM', 'SIGINT'] as const)(
  'npm start stopped by %s sent to the npm process alone',
  (signal) => {
    it('stops the sandbox and leaves no child process behind', { timeout: 90_000 }, async () => {
      // Arrange: `npm start` on a free port, in a session of its own so that no signal reaches it by group.
      const npm = spawn('npm', ['start', '--', '--port', '0'], {
        cwd: WORKSPACE_ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
      });
      let output = '';
      npm.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const pid = npm.pid as number;
      let children: number[] = [];
      try {
        // The sandbox is up (step 1 done) and the node process that runs start.ts exists.
        await vi.waitFor(() => expect(output).toMatch(/\[1\/6\][^\n]* ok/), { timeout: 60_000, interval: 100 });
        children = descendantsOf(pid);
        expect(children.length).toBeGreaterThan(0);

        // Act
        process.kill(pid, signal);

        // Assert: npm ends, the flow says it stopped the sandbox, and every process it had started is gone.
        await vi.waitFor(() => expect(npm.exitCode ?? npm.signalCode).not.toBeNull(), {
          timeout: 20_000,
          interval: 100,
        });
        await vi.waitFor(() => expect(children.filter(alive)).toEqual([]), { timeout: 20_000, interval: 200 });
        expect(output).toContain('Stopping the sandbox ... stopped.');
      } finally {
        // Only if the assertions failed: leave nothing running from this test.
        for (const child of [pid, ...children, ...descendantsOf(pid)]) {
          try {
            process.kill(child, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      }
    });
  },
);
