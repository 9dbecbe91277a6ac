import { parseArgs } from 'node:util';
import { ReadCliError } from './errors';

/** Where the API is and who signs: a local stage in a running sandbox, or an API URL with a profile. */
export interface ApiTargetArgs {
  readonly stage: string;
  readonly endpoint?: string;
  readonly url?: string;
  readonly profile?: string;
  readonly region?: string;
}

/** Options of every read. */
export interface CommonReadArgs {
  readonly fields?: string[];
  readonly consistent?: boolean;
  readonly format?: 'json' | 'dynamodb';
}

export type ReadCommand =
  | { readonly name: 'item'; readonly pk: string; readonly sk?: string }
  | {
      readonly name: 'items';
      readonly limit?: number;
      readonly nextToken?: string;
      readonly segment?: number;
      readonly totalSegments?: number;
      readonly all: boolean;
    }
  | {
      readonly name: 'query';
      readonly pk: string;
      readonly index?: string;
      readonly skBeginsWith?: string;
      readonly skFrom?: string;
      readonly skTo?: string;
      readonly order?: 'asc' | 'desc';
      readonly limit?: number;
      readonly nextToken?: string;
      readonly all: boolean;
    }
  | { readonly name: 'export'; readonly segments: number; readonly limit?: number; readonly resume?: string };

export interface ReadArgs {
  readonly target: ApiTargetArgs;
  readonly common: CommonReadArgs;
  readonly command: ReadCommand;
}

export const READ_USAGE = `usage: npm run read -- <command> [options]

commands:
  item <pk> [--sk <sk>]                  one item (exit 1 when there is none)
  items [--limit N] [--next-token T] [--segment S --total-segments N] [--all]
                                         one page of a Scan as JSON; --all: every item as JSON Lines
  query <pk> [--index <name>] [--sk-begins-with P | --sk-from A --sk-to B] [--order asc|desc]
        [--limit N] [--next-token T] [--all]
                                         one page of the partition (of a GSI with --index)
  export [--segments N] [--limit N] [--resume <file>]
                                         every item as JSON Lines on stdout, by a parallel scan of N segments
                                         (default 4); --resume saves progress there and continues from it

reads: [--fields a,b] [--consistent] [--format json|dynamodb]
where: [--stage <local stage>] [--endpoint http://127.0.0.1:<port>]   the API of a stage in a running sandbox
                                         (default: --stage local, $SANDBOX_ENDPOINT or http://127.0.0.1:4566)
       --url <ApiUrl> [--profile <name>] [--region <region>]   an API in AWS (default credential chain)`;

const OPTIONS = {
  stage: { type: 'string' },
  endpoint: { type: 'string' },
  url: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  fields: { type: 'string' },
  consistent: { type: 'boolean' },
  format: { type: 'string' },
  sk: { type: 'string' },
  limit: { type: 'string' },
  'next-token': { type: 'string' },
  segment: { type: 'string' },
  'total-segments': { type: 'string' },
  all: { type: 'boolean' },
  index: { type: 'string' },
  'sk-begins-with': { type: 'string' },
  'sk-from': { type: 'string' },
  'sk-to': { type: 'string' },
  order: { type: 'string' },
  segments: { type: 'string' },
  resume: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;
const COMMON: readonly OptionName[] = ['stage', 'endpoint', 'url', 'profile', 'region', 'fields', 'format'];
const COMMANDS: Record<ReadCommand['name'], { positionals: string[]; options: readonly OptionName[] }> = {
  item: { positionals: ['pk'], options: ['sk', 'consistent'] },
  items: { positionals: [], options: ['limit', 'next-token', 'segment', 'total-segments', 'all', 'consistent'] },
  query: {
    positionals: ['pk'],
    options: ['index', 'sk-begins-with', 'sk-from', 'sk-to', 'order', 'limit', 'next-token', 'all', 'consistent'],
  },
  export: { positionals: [], options: ['segments', 'limit', 'resume', 'consistent'] },
};

/** Parses `npm run read -- …`; every mistake is a ReadCliError USAGE naming the flag and the fix. */
export function parseReadArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ReadArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw usage((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), error);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (name === undefined) throw usage('a command is required: item, items, query or export');
  if (!Object.hasOwn(COMMANDS, name))
    throw usage(`unknown command ${JSON.stringify(name)}: use item, items, query or export`);
  const spec = COMMANDS[name as ReadCommand['name']];
  if (rest.length !== spec.positionals.length)
    throw usage(
      spec.positionals.length === 0
        ? `${name} takes no argument, got ${JSON.stringify(rest.join(' '))}`
        : `${name} takes <${spec.positionals.join('> <')}>${rest.length > spec.positionals.length ? `, got also ${JSON.stringify(rest.slice(spec.positionals.length).join(' '))}` : ''}`,
    );
  for (const option of Object.keys(values) as OptionName[])
    if (!COMMON.includes(option) && !spec.options.includes(option))
      throw usage(
        `--${option} is not an option of ${name} (its options: ${spec.options.map((o) => `--${o}`).join(' ')})`,
      );

  const target = targetOf(values, env);
  const common: CommonReadArgs = {
    ...(values.fields === undefined ? {} : { fields: fieldsOf(values.fields) }),
    ...(values.consistent === undefined ? {} : { consistent: values.consistent }),
    ...(values.format === undefined ? {} : { format: oneOf('format', values.format, ['json', 'dynamodb'] as const) }),
  };
  const limit = values.limit === undefined ? {} : { limit: integer('limit', values.limit, 1, 1000) };
  const nextToken =
    values['next-token'] === undefined ? {} : { nextToken: nonEmpty('next-token', values['next-token']) };
  const pk = rest[0] ?? '';
  if (spec.positionals.length > 0 && pk === '') throw usage(`${name} <pk>: the partition key value must not be empty`);
  switch (name) {
    case 'item':
      return { target, common, command: { name, pk, ...(values.sk === undefined ? {} : { sk: values.sk }) } };
    case 'items': {
      if ((values.segment === undefined) !== (values['total-segments'] === undefined))
        throw usage('--segment and --total-segments go together (a parallel scan segment: 0 <= segment < total)');
      const totalSegments =
        values['total-segments'] === undefined
          ? undefined
          : integer('total-segments', values['total-segments'], 1, 1_000_000);
      const segment =
        values.segment === undefined ? undefined : integer('segment', values.segment, 0, (totalSegments ?? 1) - 1);
      return {
        target,
        common,
        command: {
          name,
          ...limit,
          ...nextToken,
          ...(segment === undefined ? {} : { segment, totalSegments }),
          all: values.all === true,
        },
      };
    }
    case 'query': {
      if (values['sk-begins-with'] !== undefined && (values['sk-from'] !== undefined || values['sk-to'] !== undefined))
        throw usage(
          '--sk-begins-with cannot be combined with --sk-from/--sk-to (DynamoDB takes one sort-key condition)',
        );
      return {
        target,
        common,
        command: {
          name,
          pk,
          ...(values.index === undefined ? {} : { index: nonEmpty('index', values.index) }),
          ...(values['sk-begins-with'] === undefined ? {} : { skBeginsWith: values['sk-begins-with'] }),
          ...(values['sk-from'] === undefined ? {} : { skFrom: values['sk-from'] }),
          ...(values['sk-to'] === undefined ? {} : { skTo: values['sk-to'] }),
          ...(values.order === undefined ? {} : { order: oneOf('order', values.order, ['asc', 'desc'] as const) }),
          ...limit,
          ...nextToken,
          all: values.all === true,
        },
      };
    }
    default:
      return {
        target,
        common,
        command: {
          name: 'export',
          segments: values.segments === undefined ? 4 : integer('segments', values.segments, 1, 64),
          ...limit,
          ...(values.resume === undefined ? {} : { resume: nonEmpty('resume', values.resume) }),
        },
      };
  }
}

function targetOf(values: Partial<Record<OptionName, string | boolean>>, env: NodeJS.ProcessEnv): ApiTargetArgs {
  const { stage, endpoint, url, profile, region } = values as Partial<Record<OptionName, string>>;
  if (url !== undefined) {
    if (stage !== undefined || endpoint !== undefined)
      throw usage('--url names the API itself: leave out --stage and --endpoint (they find a sandbox API)');
    return {
      stage: '',
      url: httpUrl('url', url),
      ...(profile === undefined ? {} : { profile }),
      ...(region === undefined ? {} : { region }),
    };
  }
  if (profile !== undefined) throw usage('--profile signs calls to an API in AWS: use it with --url <ApiUrl>');
  const sandbox = endpoint ?? env['SANDBOX_ENDPOINT'];
  return {
    stage: stage ?? 'local',
    ...(sandbox === undefined ? {} : { endpoint: httpUrl('endpoint', sandbox) }),
    ...(region === undefined ? {} : { region }),
  };
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min || value > max)
    throw usage(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return value;
}

function oneOf<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text))
    throw usage(`--${name} must be ${allowed.join(' or ')}, got ${JSON.stringify(text)}`);
  return text as T;
}

function nonEmpty(name: string, text: string): string {
  if (text === '') throw usage(`--${name} must not be empty`);
  return text;
}

function fieldsOf(text: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === ''))
    throw usage(`--fields must be attribute names separated by commas, got ${JSON.stringify(text)}`);
  return names;
}

function httpUrl(name: string, text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw usage(
      `--${name} must be an http(s) URL such as ${name === 'url' ? 'https://<api>.execute-api.<region>.amazonaws.com/v1/' : 'http://127.0.0.1:4566'}, got ${JSON.stringify(text)}`,
    );
  return text;
}

function usage(message: string, cause?: unknown): ReadCliError {
  return new ReadCliError('USAGE', `${message}\n\n${READ_USAGE}`, cause === undefined ? undefined : { cause });
}
