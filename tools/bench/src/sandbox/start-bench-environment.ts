import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessRoleArn, readerRoleArn, sourceIdentity, type Stage } from '@xacct/config';
import { signedFetch, startSandbox, type Sandbox } from '@xacct/sandbox';
import { BenchError } from '../errors';
import { assemblyStacks } from './assembly-stacks';
import type { BenchEnvironment, BenchFunction, HeldCredentials } from './bench-environment';
import { backendEndpoint } from './sandbox-internals';
import { seedBackend } from './seed-backend';

export interface StartBenchEnvironmentInput {
  readonly stage: Stage;
  readonly targetAssembly: string;
  readonly sourceAssembly: string;
  /** Deploys the classic baseline next to the reader and returns both behind the API, or the reason it cannot. */
  readonly deployFunctions: (
    sandbox: Sandbox,
    sourceOutputs: Readonly<Record<string, string>>,
  ) => Promise<{ reader: BenchFunction; classic: BenchFunction } | string>;
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
 * (target first, as `nx deploy` does), an empty table, and the clients the measurements use.
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
    let sourceOutputs: Readonly<Record<string, string>> = {};
    for (const assembly of [input.targetAssembly, input.sourceAssembly]) {
      for (const stack of assemblyStacks(assembly)) {
        const result = await sandbox.deploy({
          template: stack.templateFile,
          stackName: stack.stackName,
          account: stack.account,
          region: stack.region,
          assemblyDir: stack.assemblyDir,
        });
        if (assembly === input.sourceAssembly) sourceOutputs = result.outputs;
        const skipped = result.unsupported.map((r) => `${r.logicalId} (${r.type})`);
        input.log(
          `deployed ${stack.stackName} into ${stack.account}${skipped.length ? `; not applied: ${skipped.join(', ')}` : ''}`,
        );
      }
    }

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

    let execution: Promise<HeldCredentials> | undefined;
    const readerExecutionCredentials = () =>
      (execution ??= sandbox.context
        .assumeRoleAsService(readerRoleArn(stage), 'lambda.amazonaws.com', 'xacct-bench')
        .then((credentials) => held(credentials)));

    let access: Promise<HeldCredentials> | undefined;
    const accessCredentials = () =>
      (access ??= readerExecutionCredentials().then(async (credentials) => {
        const sts = new STSClient({ region, endpoint, credentials });
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

    let seeded = 0;
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
      caller: { get },
      callerCredentials,
      counters: () => sandbox.counters(),
      resetCounters: () => sandbox.resetCounters(),
      readerExecutionCredentials,
      accessCredentials,
      targetClient,
      backendClient: () => backend,
      seedTo: async (count) => {
        if (count > seeded) {
          await seedBackend(backend.client, backend.tableName, seeded, count);
          seeded = count;
        }
      },
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
