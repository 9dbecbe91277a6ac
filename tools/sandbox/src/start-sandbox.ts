import { createAdminApi } from './admin/create-admin-api';
import { deployTemplate, type DeployTemplateInput } from './cfn/deploy-template';
import type { DeployResult, DestroyResult } from './cfn/deploy-result';
import { destroyStack, type DestroyStackInput } from './cfn/destroy-stack';
import { registerBuiltInResourceHandlers } from './cfn/register-built-in-resource-handlers';
import { ResourceHandlerRegistry } from './cfn/resource-handler-registry';
import { restoreStacks } from './cfn/restore-stacks';
import { StackStore } from './cfn/stack-store';
import { Counters, type CounterSnapshot } from './counters';
import { createDynamoDbFront } from './dynamodb/create-dynamodb-front';
import { dynamodbFaultTarget } from './dynamodb/dynamodb-fault-target';
import { isDynamoDbRequest } from './dynamodb/is-dynamodb-request';
import { DynamoBackend } from './dynamodb/dynamo-backend';
import { TableSettingsStore } from './dynamodb/table-settings-store';
import { KmsStore } from './kms/kms-store';
import { SandboxConfigError } from './errors';
import { createFaultsAdmin } from './faults/create-faults-admin';
import { FaultInjector, type SandboxFaults } from './faults/fault-injector';
import { LATENCY_MODES, LatencyModel, type LatencyMode } from './faults/latency-model';
import { withFaults } from './faults/with-faults';
import { IamStore, type AdminCredentials } from './iam/iam-store';
import type { SandboxContext, SandboxPlugin } from './sandbox-context';
import { sandboxPlugins } from './sandbox-plugins';
import type { SandboxRouteHandler } from './server/sandbox-request';
import { SandboxServer } from './server/sandbox-server';
import { lockDataDir } from './state/lock-data-dir';
import { StateFile } from './state/state-file';
import { assumeRoleAsService } from './sts/assume-role-as-service';
import { createStsHandler } from './sts/create-sts-handler';
import { isStsRequest } from './sts/is-sts-request';
import { stsFaultTarget } from './sts/sts-fault-target';

export interface StartSandboxOptions {
  /** Port to listen on; 0 picks a free one. @default 4566 */
  readonly port?: number;
  /** A loopback address: the sandbox has no real authentication for its admin API. @default '127.0.0.1' */
  readonly host?: string;
  /** Persist DynamoDB data, IAM and stacks here; in memory when absent. */
  readonly dataDir?: string;
  /** Accounts that get a bootstrap admin user at start (deploying into another account creates it). @default ['111111111111', '222222222222', '333333333333'] */
  readonly accounts?: readonly string[];
  /** Extra plugins, installed after the built-in ones and `sandboxPlugins`. */
  readonly plugins?: readonly SandboxPlugin[];
  /** Where log lines go. @default stderr */
  readonly log?: (line: string) => void;
  /** `aws` adds in-region AWS-like delays per service and action, and per new connection (a model). @default 'none' */
  readonly latency?: LatencyMode;
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://<host>:<port>`: the endpoint for every emulated service (AWS_ENDPOINT_URL). */
  readonly endpoint: string;
  readonly port: number;
  readonly host: string;
  readonly context: SandboxContext;
  /** The bootstrap admin keys of every account. */
  accounts(): AdminCredentials[];
  /** The bootstrap admin keys of one account (created if the account is new). */
  adminCredentials(accountId: string): AdminCredentials;
  counters(): CounterSnapshot;
  resetCounters(): void;
  /** Fault injection for client requests (in memory only). */
  readonly faults: SandboxFaults;
  readonly latency: LatencyMode;
  deploy(input: DeployTemplateInput): Promise<DeployResult>;
  destroy(input: DestroyStackInput): Promise<DestroyResult>;
  /** Sends requests under `prefix` to `handler` (see SandboxServer.mount). */
  mount(prefix: string, handler: SandboxRouteHandler): void;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const DEFAULT_ACCOUNTS = ['111111111111', '222222222222', '333333333333'];

/** Starts the two-account (and a third, for "foreign principal" tests) AWS sandbox on loopback. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  // One sandbox per data dir; the lock goes when the sandbox stops, or at once when it fails to start.
  const release = options.dataDir === undefined ? () => undefined : lockDataDir(options.dataDir);
  try {
    return await startUnlocked(options, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function startUnlocked(options: StartSandboxOptions, release: () => void): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && !host.startsWith('127.')) {
    throw new SandboxConfigError(
      `--host must be a loopback address (127.0.0.1, ::1, localhost), got '${host}': the sandbox has no real authentication for its admin API.`,
    );
  }
  const requestedPort = options.port ?? 4566;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new SandboxConfigError(`--port must be an integer 0..65535, got '${requestedPort}'.`);
  }
  const log = options.log ?? ((line: string) => console.error(line));
  const latencyMode = options.latency ?? 'none';
  if (!LATENCY_MODES.includes(latencyMode)) {
    throw new SandboxConfigError(`--latency must be one of ${LATENCY_MODES.join(', ')}, got '${String(latencyMode)}'.`);
  }

  let stacks: StackStore;
  let iam: IamStore;
  let tables: TableSettingsStore;
  let kms: KmsStore;
  let stateFile: StateFile | undefined;
  if (options.dataDir !== undefined) {
    stateFile = new StateFile(
      options.dataDir,
      () => ({
        version: 1,
        iam: iam.snapshot(false),
        stacks: stacks.list(),
        tables: tables.snapshot(),
        kms: kms.snapshot(),
      }),
      () => iam.sessions(),
    );
    const saved = stateFile.load();
    iam = new IamStore(saved?.iam);
    stacks = new StackStore(saved?.stacks);
    tables = new TableSettingsStore(saved?.tables);
    kms = new KmsStore(saved?.kms);
  } else {
    iam = new IamStore();
    stacks = new StackStore();
    tables = new TableSettingsStore();
    kms = new KmsStore();
  }
  if (stateFile !== undefined) {
    const file = stateFile;
    for (const store of [iam, stacks, tables, kms]) store.onChange(() => file.scheduleSave());
    iam.onSession((session) => file.appendSession(session));
  }
  for (const account of options.accounts ?? DEFAULT_ACCOUNTS) iam.ensureAccount(account);

  const dynamodb = await DynamoBackend.start(options.dataDir, log);
  const server = new SandboxServer(log);
  const counters = new Counters();
  const resourceHandlers = new ResourceHandlerRegistry();
  const stopHooks: Array<() => Promise<void> | void> = [];
  let endpoint = '';

  const context: SandboxContext = {
    iam,
    keys: iam,
    counters,
    server,
    resourceHandlers,
    stacks,
    dynamodb,
    faults: new FaultInjector(log),
    latency: new LatencyModel(latencyMode),
    tables,
    kms,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    endpoint: () => endpoint,
    log,
    onStop: (cleanup) => void stopHooks.push(cleanup),
    assumeRoleAsService: (roleArn, servicePrincipal, sessionName, durationSeconds) =>
      assumeRoleAsService(context, roleArn, servicePrincipal, sessionName, durationSeconds),
  };

  registerBuiltInResourceHandlers(resourceHandlers);
  server.route(
    'dynamodb',
    isDynamoDbRequest,
    withFaults(context, 'dynamodb', dynamodbFaultTarget(iam), createDynamoDbFront(context)),
  );
  server.route('sts', isStsRequest, withFaults(context, 'sts', stsFaultTarget(iam), createStsHandler(context)));
  for (const plugin of [...sandboxPlugins, ...(options.plugins ?? [])]) await plugin(context);

  const sandbox: Sandbox = {
    get endpoint() {
      return endpoint;
    },
    get port() {
      return Number(new URL(endpoint).port);
    },
    host,
    context,
    accounts: () => iam.accounts().map((account) => iam.ensureAccount(account)),
    adminCredentials: (accountId) => iam.ensureAccount(accountId),
    counters: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    faults: context.faults,
    latency: latencyMode,
    deploy: (input) => deployTemplate(context, input),
    destroy: (input) => destroyStack(context, input),
    mount: (prefix, handler) => server.mount(prefix, handler),
    stop: async () => {
      try {
        context.faults.clear();
        for (const hook of stopHooks.reverse()) await hook();
        await server.close();
        await dynamodb.close();
        stateFile?.saveNow();
      } finally {
        release();
      }
    },
  };
  server.mount('/_sandbox/', createAdminApi(sandbox));
  server.mount('/_sandbox/faults', createFaultsAdmin(context.faults));

  try {
    const address = await server.listen(requestedPort, host);
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    endpoint = `http://${urlHost}:${address.port}`;
  } catch (error) {
    // Undo what plugins started (workers...) before giving up.
    for (const hook of stopHooks.reverse()) await hook();
    await dynamodb.close();
    const code = (error as { code?: string }).code;
    throw new SandboxConfigError(
      code === 'EADDRINUSE'
        ? `Port ${requestedPort} on ${host} is in use: is a sandbox already running? Stop it, or pass --port <free port> (0 picks one).`
        : `Cannot listen on ${host}:${requestedPort}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  await restoreStacks(context);
  return sandbox;
}
