import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { loadStage, readerEnvFromStage } from '@xacct/config';
import type { BenchOptions } from './cli/bench-options';
import { benchSettings, type BenchSettings } from './cli/bench-settings';
import { BenchError } from './errors';
import { buildUnbundledReader } from './cold-start/build-unbundled-reader';
import { measureColdStart } from './cold-start/measure-cold-start';
import type { Figure } from './report/figure';
import type { BenchEnvironment } from './sandbox/bench-environment';
import { assemblyStacks } from './sandbox/assembly-stacks';
import { BENCH_READING_DEVICE } from './sandbox/bench-reading';
import { deployBenchFunctions } from './sandbox/deploy-bench-functions';
import { snapshotArtifacts } from './sandbox/snapshot-artifacts';
import { startBenchEnvironment } from './sandbox/start-bench-environment';
import { synthStageAssemblies } from './sandbox/synth-stage-assemblies';
import { measureApiLatency } from './scenarios/measure-api-latency';
import { measureAtAwsLatency } from './scenarios/measure-at-aws-latency';
import { measureConcurrency } from './scenarios/measure-concurrency';
import { measureHandlerOverhead } from './scenarios/measure-handler-overhead';
import { measureFirstRequest } from './scenarios/measure-first-request';
import { measureLargeTable } from './scenarios/measure-large-table';
import { measureParallelExport } from './scenarios/measure-parallel-export';
import { measureSandboxOverhead } from './scenarios/measure-sandbox-overhead';
import { measureUpstreamCalls } from './scenarios/measure-upstream-calls';
import { scenarioFailure } from './scenarios/scenario-failure';

export interface BenchMeta {
  readonly startedAt: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string | undefined;
  /** Wall time per part of the run (set-up and each measurement). */
  readonly seconds: Readonly<Record<string, number>>;
  /** Other work on the machine shows up as noise in every figure. */
  readonly loadAverage1m: { readonly before: number; readonly after: number };
  readonly settings: BenchSettings;
}

export interface BenchResult {
  readonly meta: BenchMeta;
  readonly figures: Figure[];
}

/** Items in the table for #1-#4 and #6: one page of limit=100, so the classic (which ignores limit) returns the same items. */
const SMALL_TABLE_ITEMS = 100;
/** The second access mode, deployed next to `local` in every sandbox of the run (#1-#3 compare the two). */
const RESOURCE_POLICY_STAGE = 'local-resource-policy';
/** A table with a sort key (deviceId + timestamp), deployed next to `local` for #2's partition Query. */
const HISTORY_STAGE = 'local-history';
/** Readings of one device in the history table: the partition Query reads its first page of 100. */
const HISTORY_READINGS = 2_000;

/** Runs the selected measurements in the order (the large table last: it fills the table) and collects their figures. */
export async function runBench(
  options: BenchOptions,
  workspaceRoot: string,
  log: (message: string) => void,
): Promise<BenchResult> {
  const settings = benchSettings(options.quick);
  // Other work on the machine shows up as noise; the load average before and after says how much there was.
  const loadBefore = loadavg()[0] ?? 0;
  const startedAt = new Date().toISOString();
  const stagesDir = resolve(workspaceRoot, 'config/stages');
  const stage = loadStage('local', { stagesDir });
  const snapshot = snapshotArtifacts(workspaceRoot);
  // Their assemblies are synthesized here (nx synth keeps one stage in dist); a failure leaves their rows unmeasured.
  const otherStage = async (name: string, neededBy: readonly (1 | 2 | 3)[]) => {
    if (!neededBy.some((n) => options.only.has(n))) return 'not needed by the selected measurements';
    try {
      const other = loadStage(name, { stagesDir });
      return { stage: other, ...(await synthStageAssemblies(workspaceRoot, name, snapshot.dir)) };
    } catch (error) {
      return `stage ${name}: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const resourcePolicy = otherStage(RESOURCE_POLICY_STAGE, [1, 2, 3]);
  const history = otherStage(HISTORY_STAGE, [2]);
  const { readerBundle, classicBundle } = snapshot;
  const baseEnv: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    AWS_REGION: stage.source.region,
    AWS_LAMBDA_FUNCTION_NAME: 'xacct-bench-reader',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Keep the SDK in the measured processes away from the host's AWS config, as in a Lambda environment.
    AWS_CONFIG_FILE: '/nonexistent/xacct-bench/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/xacct-bench/credentials',
    ...readerEnvFromStage(stage),
  };
  const figures: Figure[] = [];
  const seconds: Record<string, number> = {};
  const timed = async <T>(part: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      seconds[part] = (seconds[part] ?? 0) + (performance.now() - started) / 1000;
    }
  };
  const run = (section: string, measure: () => Promise<Figure[]>) =>
    timed(section, async () => {
      try {
        figures.push(...(await measure()));
      } catch (error) {
        log(`${section} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        figures.push(scenarioFailure(section, error));
      }
    });

  const startEnvironment = async (latency: 'none' | 'aws') => {
    const started = await startBenchEnvironment({
      stage,
      targetAssembly: snapshot.targetAssembly,
      sourceAssembly: snapshot.sourceAssembly,
      resourcePolicy: await resourcePolicy,
      // Only the partition Query uses it, in the plain sandbox.
      ...(latency === 'none' ? { history: await history } : {}),
      deployFunctions: (sandbox, outputs) =>
        deployBenchFunctions({
          sandbox,
          outputs,
          sourceTemplate: assemblyStacks(snapshot.sourceAssembly)[0]?.templateFile ?? '',
          stage,
          classicBundle,
          workDir: snapshot.dir,
        }),
      log,
      latency,
    });
    await started.seedTo(SMALL_TABLE_ITEMS);
    await started.resourcePolicy?.seedTo(SMALL_TABLE_ITEMS);
    return started;
  };
  let env: BenchEnvironment | null = null;
  let envError: unknown;
  try {
    log('starting the sandbox and deploying the synthesized templates');
    env = await timed('set-up (sandbox, deploy, seed)', () => startEnvironment('none'));
  } catch (error) {
    envError = error;
    log(`sandbox unavailable: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const withEnv = (section: string, measure: (e: BenchEnvironment) => Promise<Figure[]>) =>
    run(section, () => (env === null ? Promise.reject(envError) : measure(env)));
  const lambdaEnv = async (e: BenchEnvironment): Promise<Record<string, string>> => {
    const credentials = await e.readerExecutionCredentials();
    return {
      ...baseEnv,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_ENDPOINT_URL_STS: e.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: e.endpoint,
    };
  };

  try {
    if (options.only.has(1)) await withEnv('1 upstream calls', (e) => measureUpstreamCalls(e, settings, log));
    if (options.only.has(2)) {
      await withEnv('2 warm latency', (e) => measureApiLatency(e, settings, log));
      // The same through a second sandbox with the `aws` latency model: STS, DynamoDB and new connections cost
      // what they do in a region, so the reader/classic ratio reads in AWS terms. Side by side in this run.
      await run('2 warm latency', () =>
        measureAtAwsLatency(
          startEnvironment,
          (e) => measureApiLatency(e, settings, log, 'aws'),
          {
            id: 'latency.api.aws.readerOverClassic',
            section: '2 warm latency',
            label: 'reader / classic via API at aws latency (pairwise, p50 over rounds)',
            unit: 'x',
          },
          log,
        ),
      );
      await withEnv('2 warm latency', async (e) =>
        measureHandlerOverhead({
          settings,
          workspaceRoot,
          readerBundle,
          lambdaEnv: await lambdaEnv(e),
          endpoint: e.endpoint,
          region: stage.target.region,
          tableName: stage.table.name,
          accessCredentials: await e.accessCredentials(),
          log,
        }),
      );
      // The partition Query (GET /items/{key}) on the history stage's table, against a raw Query with the same limit.
      await withEnv('2 warm latency', async (e) => {
        if (e.history === null) throw new BenchError('SandboxUnavailable', e.historyUnavailable ?? 'no history stage');
        const historyStage = e.history.stage;
        await e.history.seedTo(HISTORY_READINGS);
        const execution = await e.history.readerExecutionCredentials();
        return measureHandlerOverhead({
          settings,
          workspaceRoot,
          readerBundle,
          lambdaEnv: {
            ...(await lambdaEnv(e)),
            ...readerEnvFromStage(historyStage),
            AWS_ACCESS_KEY_ID: execution.accessKeyId,
            AWS_SECRET_ACCESS_KEY: execution.secretAccessKey,
            AWS_SESSION_TOKEN: execution.sessionToken,
          },
          endpoint: e.endpoint,
          region: historyStage.target.region,
          tableName: historyStage.table.name,
          accessCredentials: await e.history.accessCredentials(),
          partition: { keyName: historyStage.table.partitionKey.name, key: BENCH_READING_DEVICE },
          log,
        });
      });
    }
    if (options.only.has(3)) {
      // The access modes' first request: AssumeRole is on it in one mode only, and costs most at AWS-like latency.
      await withEnv('3 cold start', (e) => measureFirstRequest(e, settings, log));
      await run('3 cold start', () =>
        measureAtAwsLatency(
          startEnvironment,
          (e) => measureFirstRequest(e, settings, log, 'aws'),
          {
            id: 'coldStart.api.aws.resourcePolicyOverReader',
            section: '3 cold start',
            label: 'first request after a cold start via API at aws latency: resource-policy / assume-role',
            unit: 'x',
          },
          log,
        ),
      );
      await run('3 cold start', async () =>
        measureColdStart({
          settings,
          readerBundle,
          classicBundle,
          unbundledReader: await buildUnbundledReader(workspaceRoot),
          importEnv: baseEnv,
          firstRequestEnv: env === null ? null : await lambdaEnv(env),
          unavailableReason: `no sandbox: ${envError instanceof Error ? envError.message : String(envError)}`,
          log,
        }),
      );
    }
    if (options.only.has(4)) {
      await withEnv('4 concurrency', async (e) =>
        measureConcurrency({ env: e, settings, readerBundle, lambdaEnv: await lambdaEnv(e), log }),
      );
    }
    if (options.only.has(6)) await withEnv('6 sandbox overhead', (e) => measureSandboxOverhead(e, settings, log));
    if (options.only.has(5)) {
      await withEnv('5 large table', async (e) =>
        measureLargeTable({ env: e, settings, workspaceRoot, readerBundle, lambdaEnv: await lambdaEnv(e), log }),
      );
      await withEnv('5 large table', (e) => measureParallelExport({ env: e, settings, workspaceRoot, log }));
    }
  } finally {
    await env?.stop();
  }
  // The large table runs last (it fills the table) but reads best in the order.
  const section = (figure: Figure) => Number.parseInt(figure.section, 10);
  figures.sort((a, b) => section(a) - section(b));
  return {
    meta: {
      startedAt,
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      seconds,
      loadAverage1m: { before: loadBefore, after: loadavg()[0] ?? 0 },
      settings,
    },
    figures,
  };
}
