import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, USAGE } from './cli/parse-args';
import { BenchError } from './errors';
import { checkBudgets } from './report/check-budgets';
import { exitStatus } from './report/exit-status';
import type { BenchResultsFile } from './report/bench-results-file';
import { formatTable } from './report/format-table';
import { runSummary } from './report/run-summary';
import { updateReadmes } from './report/update-readmes';
import { runBench } from './run-bench';

// The bench talks to the sandbox through the AWS SDK; Node 20 is supported here even if the SDK warns about it.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2).filter((arg) => arg !== '--'));
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (options.updateReadme) {
    const written = updateReadmes(workspaceRoot, options.out);
    console.log(`Performance tables regenerated from ${options.out} in ${written.join(' and ')}.`);
    return 0;
  }
  const started = performance.now();
  const result = await runBench(options, workspaceRoot, (message) => console.error(`[bench] ${message}`));
  const seconds = (performance.now() - started) / 1000;
  const budgets = checkBudgets(result.figures);
  const out = resolve(workspaceRoot, options.out);
  mkdirSync(dirname(out), { recursive: true });
  const results: BenchResultsFile = {
    ...result.meta,
    mode: options.quick ? 'quick' : 'full',
    durationSeconds: seconds,
    figures: result.figures,
    budgets,
  };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatTable(result.figures));
  console.log(`\n${runSummary(results, options.out)}`);
  for (const line of budgets.broken) console.log(`BUDGET BROKEN: ${line}`);
  for (const line of budgets.unmeasured) console.log(`NOT MEASURED: ${line}`);
  return exitStatus(budgets);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BenchError ? `bench: ${error.message}` : error);
    process.exit(2);
  },
);
