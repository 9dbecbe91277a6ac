import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessRoleArn, readerRoleArn, sourceIdentity, type Stage } from '@xacct/config';
import { signedFetch, startSandbox, type Sandbox } from '@xacct/sandbox';
import { BenchError } from '../errors';
import { assemblyStacks } from './assembly-stacks';
import { apiOfOutputs } from './api-of-outputs';
import type {
  BenchEnvironment,
  BenchFunction,
  HeldCredentials,
  HistoryDeployment,
  ResourcePolicyDeployment,
} from './bench-environment';
import { benchFunctionOf } from './bench-function-of';
import { benchItem } from './bench-item';
import { benchReading } from './bench-reading';
import { backendEndpoint } from './sandbox-internals';
import { seedBackend } from './seed-backend';
import type { StageAssemblies } from './synth-stage-assemblies';

export interface StartBenchEnvironmentInput {
  readonly stage: Stage;
  readonly targetAssembly: string;
  readonly sourceAssembly: string;
  /** Deploys the classic baseline next to the reader and returns both behind the API, or the reason it cannot. */
  readonly deployFunctions: (
    sandbox: Sandbox,
    sourceOutputs: Readonly<Record<string, string>>,
  ) => Promise<{ reader: BenchFunction; classic: BenchFunction } | string>;
  /**
   * The `local-resource-policy` stage's assemblies, deployed into the same sandbox next to `local` (its names do not
   * collide: the config's assertNoStageConflicts), or why there are none.
   */
  readonly resourcePolicy: (StageAssemblies & { readonly stage: Stage }) | string;
  /** The `local-history` stage's assemblies (a table with a sort key), deployed the same way, or why there are none. */
  readonly history?: (StageAssemblies & { readonly stage: Stage }) | string;
  readonly log: (message: string) => void;
  /** The sandbox's latency model: `aws` adds in-region AWS-like delays per call and per new connection. @default 'none' */
  readonly latency?: 'none' | 'aws';
}

function held(credentials: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string }): HeldCredentials {
  if (!credentials.accessKeyId || !credentials.secretAccessKey || !credentials.sessionToken) {
    throw new BenchError('UnexpectedResponse', 'STS answered without complete temporary credentials');
  }
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  };
}

/**
 * A fresh in-memory sandbox on a free loopback port with the real synthesized templates of both apps deployed
 * (target first, as `nx deploy` does) for `local` and for the resource-policy stage, empty tables, and the clients
 * the measurements use.
 */
export async function startBenchEnvironment(input: StartBenchEnvironmentInput): Promise<BenchEnvironment> {
  const { stage } = input;
  const latency = input.latency ?? 'none';
  const sandbox = await startSandbox({ port: 0, log: () => undefined, ...(latency === 'none' ? {} : { latency }) });
  try {
    // A sandbox without the latency model would ignore the option: measuring it would report 'aws' for nothing.
    if ((sandbox as { latency?: string }).latency !== latency && latency !== 'none') {
      throw new BenchError('SandboxUnavailable', `this sandbox has no '${latency}' latency model`);
    }
    const endpoint = sandbox.endpoint;
    /** Deploys an assembly's stacks in order; the outputs of its last stack. */
    const deployAssembly = async (assembly: string) => {
      let outputs: Readonly<Record<string, string>> = {};
      for (const stack of assemblyStacks(assembly)) {
        const result = await sandbox.deploy({
          template: stack.templateFile,
          stackName: stack.stackName,
          account: stack.account,
          region: stack.region,
          assemblyDir: stack.assemblyDir,
        });
        outputs = result.outputs;
        const skipped = result.unsupported.map((r) => `${r.logicalId} (${r.type})`);
        input.log(
          `deployed ${stack.stackName} into ${stack.account}${skipped.length ? `; not applied: ${skipped.join(', ')}` : ''}`,
        );
      }
      return outputs;
    };
    await deployAssembly(input.targetAssembly);
    const sourceOutputs = await deployAssembly(input.sourceAssembly);
    const region = stage.target.region;
    const admin = sandbox.adminCredentials(stage.source.accountId);
    const callerCredentials = { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey };
    const get = async (url: string) => {
      const started = performance.now();
      // Bounded, so a stuck sandbox cannot hang the bench.
      const response = await signedFetch(url, {
        credentials: callerCredentials,
        region: stage.source.region,
        timeoutMs: 30_000,
      });
      return { ...response, ms: performance.now() - started };
    };

    const { readerExecutionCredentials, accessCredentials } = stageCredentials(sandbox, stage);
    let target: Promise<DynamoDBDocumentClient> | undefined;
    const targetClient = () =>
      (target ??= accessCredentials().then((credentials) =>
        DynamoDBDocumentClient.from(new DynamoDBClient({ region, endpoint, credentials })),
      ));

    const backend = {
      client: DynamoDBDocumentClient.from(
        new DynamoDBClient({
          region,
          endpoint: backendEndpoint(sandbox),
          // dynalite only checks that a signature is present; the front has its own keys.
          credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
        }),
      ),
      tableName: sandbox.context.dynamodb.physicalName(stage.target.accountId, region, stage.table.name),
    };

    const seeder = (tableName: string, item: (index: number) => Record<string, unknown> = benchItem) => {
      let seeded = 0;
      return async (count: number) => {
        if (count > seeded) {
          await seedBackend(backend.client, tableName, seeded, count, item);
          seeded = count;
        }
      };
    };
    // The measurements of the other sections still run without it; its rows say why.
    const resourcePolicy = await deployResourcePolicy(sandbox, input, deployAssembly, (rpStage) =>
      seeder(
        sandbox.context.dynamodb.physicalName(rpStage.target.accountId, rpStage.target.region, rpStage.table.name),
      ),
    ).catch(
      (error: unknown) =>
        `the resource-policy stage could not be deployed: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (typeof resourcePolicy === 'string') input.log(resourcePolicy);
    const history = await deployHistory(sandbox, input, deployAssembly, (historyStage) =>
      seeder(
        sandbox.context.dynamodb.physicalName(
          historyStage.target.accountId,
          historyStage.target.region,
          historyStage.table.name,
        ),
        (index) => benchReading(historyStage, index),
      ),
    ).catch(
      (error: unknown) =>
        `the history stage could not be deployed: ${error instanceof Error ? error.message : String(error)}`,
    );
    // Without the functions the in-process, cold-start and raw measurements still run; the table says why the rest did not.
    const functions = await input.deployFunctions(sandbox, sourceOutputs).catch((error: unknown) => {
      const reason = `the reader/classic functions could not be deployed: ${error instanceof Error ? error.message : String(error)}`;
      input.log(reason);
      return reason;
    });
    return {
      endpoint,
      stage,
      functions: typeof functions === 'string' ? null : functions,
      ...(typeof functions === 'string' ? { functionsUnavailable: functions } : {}),
      resourcePolicy: typeof resourcePolicy === 'string' ? null : resourcePolicy,
      ...(typeof resourcePolicy === 'string' ? { resourcePolicyUnavailable: resourcePolicy } : {}),
      history: typeof history === 'string' ? null : history,
      ...(typeof history === 'string' ? { historyUnavailable: history } : {}),
      caller: { get },
      callerCredentials,
      counters: () => sandbox.counters(),
      resetCounters: () => sandbox.resetCounters(),
      readerExecutionCredentials,
      accessCredentials,
      targetClient,
      backendClient: () => backend,
      seedTo: seeder(backend.tableName),
      stop: async () => {
        backend.client.destroy();
        (await target)?.destroy();
        await sandbox.stop();
      },
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** The resource-policy stage's target and source stacks, deployed after `local`'s, and its reader behind its own API. */
async function deployResourcePolicy(
  sandbox: Sandbox,
  input: StartBenchEnvironmentInput,
  deployAssembly: (assembly: string) => Promise<Readonly<Record<string, string>>>,
  seeder: (stage: Stage) => (count: number) => Promise<void>,
): Promise<ResourcePolicyDeployment | string> {
  const rp = input.resourcePolicy;
  if (typeof rp === 'string') return rp;
  await deployAssembly(rp.targetAssembly);
  const outputs = await deployAssembly(rp.sourceAssembly);
  const functionName = outputs['FunctionName'];
  if (!functionName)
    throw new BenchError('UnexpectedResponse', `stack of stage ${rp.stage.name} has no FunctionName output`);
  const api = apiOfOutputs(outputs, `the ${rp.stage.name} source stack`);
  return {
    stage: rp.stage,
    reader: benchFunctionOf(sandbox, functionName, api.apiId, api.stageName),
    seedTo: seeder(rp.stage),
  };
}

/**
 * A stage's reader execution-role session (as Lambda hands it to the function) and its access-role session assumed
 * once as the reader would (ExternalId, SourceIdentity), each fetched on first use.
 */
function stageCredentials(
  sandbox: Sandbox,
  stage: Stage,
): { readerExecutionCredentials(): Promise<HeldCredentials>; accessCredentials(): Promise<HeldCredentials> } {
  const region = stage.target.region;
  let execution: Promise<HeldCredentials> | undefined;
  const readerExecutionCredentials = () =>
    (execution ??= sandbox.context
      .assumeRoleAsService(readerRoleArn(stage), 'lambda.amazonaws.com', 'xacct-bench')
      .then((credentials) => held(credentials)));
  let access: Promise<HeldCredentials> | undefined;
  const accessCredentials = () =>
    (access ??= readerExecutionCredentials().then(async (credentials) => {
      const sts = new STSClient({ region, endpoint: sandbox.endpoint, credentials });
      const response = await sts.send(
        new AssumeRoleCommand({
          RoleArn: accessRoleArn(stage),
          RoleSessionName: 'xacct-bench-direct',
          ExternalId: stage.externalId,
          SourceIdentity: sourceIdentity(stage),
          DurationSeconds: stage.sessionDurationSeconds,
        }),
      );
      sts.destroy();
      return held({
        accessKeyId: response.Credentials?.AccessKeyId,
        secretAccessKey: response.Credentials?.SecretAccessKey,
        sessionToken: response.Credentials?.SessionToken,
      });
    }));
  return { readerExecutionCredentials, accessCredentials };
}

/** The history stage's target and source stacks (its table has a sort key), its credentials and a seeder of readings. */
async function deployHistory(
  sandbox: Sandbox,
  input: StartBenchEnvironmentInput,
  deployAssembly: (assembly: string) => Promise<Readonly<Record<string, string>>>,
  seeder: (stage: Stage) => (count: number) => Promise<void>,
): Promise<HistoryDeployment | string> {
  const history = input.history ?? 'not needed by the selected measurements';
  if (typeof history === 'string') return history;
  await deployAssembly(history.targetAssembly);
  await deployAssembly(history.sourceAssembly);
  return { stage: history.stage, ...stageCredentials(sandbox, history.stage), seedTo: seeder(history.stage) };
}
