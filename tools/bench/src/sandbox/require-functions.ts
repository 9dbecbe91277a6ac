import { BenchError } from '../errors';
import type { BenchEnvironment, BenchFunction } from './bench-environment';

/** The deployed reader and classic, or a clear error saying why this sandbox cannot run them. */
export function requireFunctions(env: BenchEnvironment): { reader: BenchFunction; classic: BenchFunction } {
  if (env.functions === null) {
    throw new BenchError('SandboxUnavailable', env.functionsUnavailable ?? 'the sandbox runs no Lambda functions');
  }
  return env.functions;
}
