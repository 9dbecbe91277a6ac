import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { loadStage, readerEnvFromStage } from '@xacct/config';
import type { BenchOptions } from './cli/bench-options';
import { benchSettings } from './cli/bench-settings';
import { buildUnbundledReader } from './cold-start/build-unbundled-reader';
import { measureColdStart } from './cold-start/measure-cold-start';
import { BenchError } from './errors';
import type { Figure } from './report/figure';
import { scenarioFailure } from './scenarios/scenario-failure';

export interface BenchResult {
  readonly meta: Record<string, unknown>;
  readonly figures: Figure[];
}

function requireArtifact(path: string, how: string): string {
  if (!existsSync(path)) {
    throw new BenchError(
      'MissingArtifact',
      `${path} is missing; build it first with \`${how}\` (npm run bench does this)`,
    );
  }
  return path;
}

/** Runs the selected measurements in the order and collects their figures. */
export async function runBench(
  options: BenchOptions,
  workspaceRoot: string,
  log: (message: string) => void,
): Promise<BenchResult> {
  const settings = benchSettings(options.quick);
  const stage = loadStage('local', { stagesDir: resolve(workspaceRoot, 'config/stages') });
  const readerBundle = requireArtifact(resolve(workspaceRoot, 'dist/apps/reader/main.mjs'), 'npx nx build reader');
  const classicBundle = requireArtifact(
    resolve(workspaceRoot, 'dist/tools/bench/classic/main.mjs'),
    'npx nx run bench:build-classic',
  );
  const lambdaEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    AWS_REGION: stage.source.region,
    AWS_LAMBDA_FUNCTION_NAME: 'reader',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...readerEnvFromStage(stage),
  };
  const figures: Figure[] = [];
  const run = async (section: string, measure: () => Promise<Figure[]>) => {
    try {
      figures.push(...(await measure()));
    } catch (error) {
      log(`${section} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      figures.push(scenarioFailure(section, error));
    }
  };

  if (options.only.has(3)) {
    await run('3 cold start', async () =>
      measureColdStart({
        settings,
        readerBundle,
        classicBundle,
        unbundledReader: await buildUnbundledReader(workspaceRoot),
        importEnv: lambdaEnv,
        firstRequestEnv: null,
        unavailableReason: 'sandbox not wired yet',
        log,
      }),
    );
  }
  return {
    meta: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, settings },
    figures,
  };
}
