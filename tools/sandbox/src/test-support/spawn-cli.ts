import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const SANDBOX_ROOT = resolve(import.meta.dirname, '../..');
const WORKSPACE_ROOT = resolve(SANDBOX_ROOT, '../..');
const CLI = resolve(SANDBOX_ROOT, 'src/cli.ts');
// One process (no tsx wrapper), so a signal reaches the sandbox itself.
const NODE_ARGS = ['--import', 'tsx', CLI];

/** Runs one CLI command to completion. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Starts `cli.ts serve` and resolves once it prints its endpoint. */
export function serveCli(args: string[]): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...NODE_ARGS, 'serve', ...args], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let output = '';
    const timer = setTimeout(() => {
      // Do not leave the server running behind a failed test.
      child.kill('SIGKILL');
      fail(new Error(`serve did not start: ${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined && output.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        done({ child, endpoint: match[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${output}`)));
  });
}

/** Resolves with the exit code once the child has exited and its output is fully read. */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    const streamsClosed = child.stdout?.closed !== false && child.stderr?.closed !== false;
    if ((child.exitCode !== null || child.signalCode !== null) && streamsClosed) done(child.exitCode);
    else child.once('close', (code) => done(code));
  });
}
