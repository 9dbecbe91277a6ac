import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from '../errors';

const BENCH_TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

export interface NodeScriptOptions {
  /** What the run is, for error messages. */
  readonly what: string;
  /** An ES module passed to `node -e`: no TypeScript loader or bench code in the measured process, unless `tsx`. */
  readonly script: string;
  /**
   * Run with the tsx loader and the bench's tsconfig, so the script can import workspace TypeScript such as
   * `@xacct/sandbox` (for its one SigV4 signer); only for client processes, never where import time is measured.
   */
  readonly tsx?: boolean;
  /** The whole environment (nothing inherited). */
  readonly env: Record<string, string>;
  /** Bare imports in the script resolve from here (the workspace root reaches node_modules). */
  readonly cwd?: string;
  /** The script prints its JSON result on one line starting with this. */
  readonly marker: string;
  /** @default 600000 */
  readonly timeoutMs?: number;
  /**
   * Answers the script's `process.send({ id, request })` with `{ id, result }` (or `{ id, error }`) over an IPC
   * channel: work the script needs done in the bench's process, e.g. a direct invoke of a sandbox function.
   */
  readonly serve?: (request: unknown) => Promise<unknown>;
}

/** How much of the end of a script's stdout is read back for the marker. */
const STDOUT_TAIL_BYTES = 4_000_000;

/**
 * Runs a measurement in a fresh `node` process and returns the JSON after `marker`. Functions under test log
 * to stdout too, and stdout goes to a file, read back once the process ends (its last 4 MB): a pipe woke this
 * process, which also runs the sandbox under measurement, on every log line of the function, as Lambda's log
 * agent never does. A hang is killed after `timeoutMs`.
 */
export async function runNodeScript(options: NodeScriptOptions): Promise<unknown> {
  const loader = options.tsx ? ['--import', 'tsx'] : [];
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of every measured process, to find where a budget's time goes.
  const profile = process.env['BENCH_CPU_PROF']
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`]
    : [];
  const outDir = mkdtempSync(join(tmpdir(), 'xacct-bench-'));
  const outFile = join(outDir, 'stdout');
  const outFd = openSync(outFile, 'w');
  try {
    return await runWithStdout(options, [...profile, ...loader], outFd, () => readTail(outFile, STDOUT_TAIL_BYTES));
  } finally {
    closeSync(outFd);
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function runWithStdout(
  options: NodeScriptOptions,
  nodeArgs: readonly string[],
  outFd: number,
  readStdout: () => string,
): Promise<unknown> {
  const child = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', options.script], {
    env: options.tsx ? { ...options.env, TSX_TSCONFIG_PATH: BENCH_TSCONFIG } : options.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ['ignore', outFd, 'pipe', options.serve ? 'ipc' : 'ignore'],
  });
  const serve = options.serve;
  if (serve) {
    child.on('message', (message: { id: number; request: unknown }) => {
      serve(message.request).then(
        (result) => child.connected && child.send({ id: message.id, result }),
        (error: unknown) =>
          child.connected &&
          child.send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
      );
    });
  }
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  const timeoutMs = options.timeoutMs ?? 600_000;
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const stdout = readStdout();
  const line = stdout
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith(options.marker));
  if (code !== 0 || line === undefined) {
    const why = code === null ? `was killed after ${timeoutMs} ms` : `exited with ${code}`;
    throw new BenchError(
      'WorkerFailed',
      `${options.what} ${why}${line === undefined ? ' without a result' : ''}: ${(stderr || stdout).slice(-1500)}`,
    );
  }
  return JSON.parse(line.slice(options.marker.length)) as unknown;
}

/** The last `bytes` of a file as UTF-8 (a character cut at the start is replaced, which the marker search ignores). */
function readTail(file: string, bytes: number): string {
  const size = statSync(file).size;
  const start = Math.max(0, size - bytes);
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
