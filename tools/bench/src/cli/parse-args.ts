import { BenchError } from '../errors';
import { SCENARIOS, type BenchOptions, type ScenarioNumber } from './bench-options';

export const USAGE = `Usage: npm run bench -- [--quick] [--only=1,2,...] [--out=bench-results.json]   (or --only 1,2 --out FILE)
       npm run bench -- --update-readme [--out=bench-results.json]
  --quick        CI-sized smoke run (under 2 minutes): smaller counts, 10,000 items instead of 100,000
  --only=LIST    run only these measurements: 1 upstream calls, 2 warm latency, 3 cold start,
                 4 concurrency at cold start, 5 large table, 6 sandbox overhead
  --out=FILE     JSON results file (default bench-results.json at the workspace root)
  --update-readme  measure nothing: regenerate the performance tables of README.md and tools/bench/README.md
                 from the results file`;

function parseOnly(value: string): Set<ScenarioNumber> {
  const picked = new Set<ScenarioNumber>();
  for (const part of value.split(',')) {
    const n = Number(part.trim());
    if (!SCENARIOS.includes(n as ScenarioNumber)) {
      throw new BenchError('InvalidArgument', `--only: "${part}" is not one of ${SCENARIOS.join(', ')}\n${USAGE}`);
    }
    picked.add(n as ScenarioNumber);
  }
  return picked;
}

/** The bench's command line; an unknown flag is an error (a typo must not silently run the full 15-minute bench). */
export function parseArgs(argv: readonly string[]): BenchOptions | 'help' {
  let quick = false;
  let only = new Set<ScenarioNumber>(SCENARIOS);
  let out = 'bench-results.json';
  let updateReadme = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const equals = arg.indexOf('=');
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    let value = equals === -1 ? undefined : arg.slice(equals + 1);
    // `--only 2` and `--out file` as well as `--only=2`: the value is the next argument unless that is a flag.
    const next = argv[i + 1];
    if ((flag === '--only' || flag === '--out') && value === undefined && next !== undefined && !next.startsWith('-')) {
      value = next;
      i += 1;
    }
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--quick' && value === undefined) quick = true;
    else if (flag === '--only' && value) only = parseOnly(value);
    else if (flag === '--out' && value) out = value;
    else if (flag === '--update-readme' && value === undefined) updateReadme = true;
    else throw new BenchError('InvalidArgument', `unknown or incomplete argument "${arg}"\n${USAGE}`);
  }
  if (updateReadme && (quick || only.size !== SCENARIOS.length))
    throw new BenchError('InvalidArgument', `--update-readme measures nothing; it takes only --out\n${USAGE}`);
  return { quick, only, out, updateReadme };
}
