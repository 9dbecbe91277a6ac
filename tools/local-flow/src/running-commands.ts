import type { ChildProcess } from 'node:child_process';

/**
 * The children `runCommand` started and that still run, so a signal handler can stop them before the process
 * exits (`process.exit` alone would leave a running `npx nx deploy` orphaned).
 */
class RunningCommands {
  private readonly children = new Set<ChildProcess>();

  get size(): number {
    return this.children.size;
  }

  add(child: ChildProcess): void {
    this.children.add(child);
    const forget = () => this.children.delete(child);
    child.once('exit', forget);
    child.once('error', forget);
  }

  /** SIGTERM to every running child (npx forwards it to nx, which stops its tasks), SIGKILL after `graceMs`. */
  async stopAll(graceMs = 3000): Promise<void> {
    await Promise.all([...this.children].map((child) => stop(child, graceMs)));
  }
}

async function stop(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<boolean>((done) => {
    timer = setTimeout(() => done(true), graceMs);
  });
  const timedOut = await Promise.race([exited.then(() => false), gaveUp]);
  clearTimeout(timer);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

export const runningCommands = new RunningCommands();
