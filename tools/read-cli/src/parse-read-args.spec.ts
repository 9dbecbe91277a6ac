import { describe, expect, it } from 'vitest';
import { ReadCliError } from './errors';
import { parseReadArgs } from './parse-read-args';

const parse = (line: string, env: NodeJS.ProcessEnv = {}) => parseReadArgs(line.split(' ').filter(Boolean), env);
const usageOf = (line: string) => {
  try {
    parse(line);
  } catch (error) {
    expect(error).toBeInstanceOf(ReadCliError);
    expect((error as ReadCliError).code).toBe('USAGE');
    return (error as Error).message.split('\n')[0];
  }
  throw new Error(`${line} parsed`);
};

describe('parseReadArgs', () => {
  it('the four commands of the README', () => {
    expect(parse('item d0001').command).toEqual({ name: 'item', pk: 'd0001' });
    expect(parse('items --limit 5').command).toEqual({ name: 'items', limit: 5, all: false });
    expect(parse('query d0001 --sk-begins-with 2026-').command).toEqual({
      name: 'query',
      pk: 'd0001',
      skBeginsWith: '2026-',
      all: false,
    });
    expect(parse('export --segments 4').command).toEqual({ name: 'export', segments: 4 });
    expect(parse('export').command).toEqual({ name: 'export', segments: 4 });
  });

  it('every option of each command, and the common read options', () => {
    expect(
      parse(
        'query alice --index byOwner --sk-from a --sk-to b --order desc --limit 3 --next-token t --all --fields x,y --format dynamodb',
      ),
    ).toEqual({
      target: { stage: 'local' },
      common: { fields: ['x', 'y'], format: 'dynamodb' },
      command: {
        name: 'query',
        pk: 'alice',
        index: 'byOwner',
        skFrom: 'a',
        skTo: 'b',
        order: 'desc',
        limit: 3,
        nextToken: 't',
        all: true,
      },
    });
    expect(parse('items --segment 1 --total-segments 4 --consistent').command).toMatchObject({
      segment: 1,
      totalSegments: 4,
    });
    expect(parse('item d1 --sk 2026-01-01').command).toEqual({ name: 'item', pk: 'd1', sk: '2026-01-01' });
    expect(parse('export --resume s.json --limit 500').command).toEqual({
      name: 'export',
      segments: 4,
      limit: 500,
      resume: 's.json',
    });
  });

  it('where: --stage and --endpoint ($SANDBOX_ENDPOINT), or --url with --profile and --region', () => {
    expect(parse('items --stage local-history --endpoint http://127.0.0.1:4599').target).toEqual({
      stage: 'local-history',
      endpoint: 'http://127.0.0.1:4599',
    });
    expect(parse('items', { SANDBOX_ENDPOINT: 'http://127.0.0.1:5000' }).target).toEqual({
      stage: 'local',
      endpoint: 'http://127.0.0.1:5000',
    });
    expect(parse('items --url https://a1.execute-api.eu-west-1.amazonaws.com/v1/ --profile p').target).toEqual({
      stage: '',
      url: 'https://a1.execute-api.eu-west-1.amazonaws.com/v1/',
      profile: 'p',
    });
  });

  it.each([
    ['', 'a command is required: item, items, query or export'],
    ['get d1', 'unknown command "get": use item, items, query or export'],
    ['item', 'item takes <pk>'],
    ['item a b', 'item takes <pk>, got also "b"'],
    ['items x', 'items takes no argument, got "x"'],
    ['items --limt 5', "Unknown option '--limt'"],
    ['item d1 --segments 4', '--segments is not an option of item (its options: --sk --consistent)'],
    ['items --limit 0', '--limit must be an integer from 1 to 1000, got "0"'],
    ['items --limit 1.5', '--limit must be an integer from 1 to 1000, got "1.5"'],
    ['items --segment 1', '--segment and --total-segments go together (a parallel scan segment: 0 <= segment < total)'],
    ['items --segment 4 --total-segments 4', '--segment must be an integer from 0 to 3, got "4"'],
    ['export --segments 0', '--segments must be an integer from 1 to 64, got "0"'],
    ['query d1 --order up', '--order must be asc or desc, got "up"'],
    [
      'query d1 --sk-begins-with a --sk-to b',
      '--sk-begins-with cannot be combined with --sk-from/--sk-to (DynamoDB takes one sort-key condition)',
    ],
    ['items --format xml', '--format must be json or dynamodb, got "xml"'],
    ['items --fields a,,b', '--fields must be attribute names separated by commas, got "a,,b"'],
    [
      'items --endpoint localhost:4566',
      '--endpoint must be an http(s) URL such as http://127.0.0.1:4566, got "localhost:4566"',
    ],
    [
      'items --url https://x/ --stage local',
      '--url names the API itself: leave out --stage and --endpoint (they find a sandbox API)',
    ],
    ['items --profile p', '--profile signs calls to an API in AWS: use it with --url <ApiUrl>'],
    ['items --limit', "Option '--limit <value>' argument missing"],
  ])('%j is a usage error: %s', (line, message) => {
    expect(usageOf(line)).toBe(message);
  });
});
