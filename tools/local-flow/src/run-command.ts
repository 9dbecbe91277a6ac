import { spawn } from 'node:child_process';
import { runningCommands } from './running-commands';
import { StepFailure } from './step-runner';

/**
 * Runs a command with its output captured (shown only when it fails, as the last `tailLines` lines). The child is
 * registered in `runningCommands` while it runs, so a signal handler can stop it.
 * @throws StepFailure with the exit code and the output tail.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; tailLines?: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    runningCommands.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(new StepFailure(command, 0, `cannot run ${command}: ${error.message}`, undefined, { cause: error })),
    );
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(output);
        return;
      }
      const tail = output
        .trimEnd()
        .split('\n')
        .slice(-(options.tailLines ?? 40))
        .join('\n');
      const why = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      reject(new StepFailure(command, 0, `\`${command} ${args.join(' ')}\` ${why}`, tail));
    });
  });
}
