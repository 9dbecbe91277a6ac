import { parseArgs } from 'node:util';
import { CliUsageError } from '../errors';

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  template: { type: 'string' },
  assembly: { type: 'string' },
  'stack-name': { type: 'string' },
  account: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  table: { type: 'string' },
  count: { type: 'string' },
  'key-name': { type: 'string' },
  latency: { type: 'string' },
  service: { type: 'string' },
  kind: { type: 'string' },
  action: { type: 'string' },
  error: { type: 'string' },
  ms: { type: 'string' },
  'jitter-ms': { type: 'string' },
  probability: { type: 'string' },
  seed: { type: 'string' },
  'role-arn': { type: 'string' },
  'as-service': { type: 'string' },
  'session-name': { type: 'string' },
  reset: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parsed command line: the command and its options (strings, as given). */
export interface CliArgs {
  readonly command: string | undefined;
  /** Arguments after the command (`deploy <template.json>`, `fault remove <id>`). */
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** Parses `<command> [--option value]...`; unknown options are an error naming them. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const [command, ...rest] = positionals;
    const maxPositionals = command === 'deploy' ? 1 : command === 'fault' ? 2 : 0;
    if (rest.length > maxPositionals) throw new CliUsageError(`Unexpected arguments: ${rest.join(' ')}.`);
    return { command, positionals: rest, options: values };
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
