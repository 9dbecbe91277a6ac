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
  reset: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parsed command line: the command and its options (strings, as given). */
export interface CliArgs {
  readonly command: string | undefined;
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
    if (positionals.length > 1) throw new CliUsageError(`Unexpected arguments: ${positionals.slice(1).join(' ')}.`);
    return { command: positionals[0], options: values };
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
