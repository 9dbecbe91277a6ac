import { basename, resolve } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { sandboxUrlOf } from './api-gateway/sandbox-url-of';
import { credentialExports, type SessionKeys } from './cli/credential-exports';
import { AdminClient } from './cli/admin-client';
import { faultCommand, faultLine } from './cli/fault-command';
import { parseCliArgs } from './cli/parse-cli-args';
import { seedItems } from './cli/seed-items';
import { USAGE } from './cli/usage';
import type { DeployResult, DestroyResult } from './cfn/deploy-result';
import type { CounterSnapshot } from './counters';
import { AdminApiError, CliUsageError } from './errors';
import type { ActiveFault } from './faults/fault-definition';
import type { LatencyMode } from './faults/latency-model';
import type { AdminCredentials } from './iam/iam-store';
import { parseRoleArn } from './iam/parse-role-arn';
import { resolveNodeRuntime } from './lambda/resolve-node-runtime';
import { startSandbox } from './start-sandbox';

type Options = Readonly<Record<string, string | boolean | undefined>>;

/** The runtime the project's templates name (source-infra's reader function), shown in the serve banner. */
const LAMBDA_RUNTIME = 'nodejs24.x';

async function main(argv: readonly string[]): Promise<number> {
  // The SDK's notice about future Node versions is noise in a local tool's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { command, positionals, options } = parseCliArgs(argv);
  if (options.help === true || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && options.help !== true ? 1 : 0;
  }
  const admin = new AdminClient(String(options.endpoint ?? process.env.SANDBOX_ENDPOINT ?? 'http://127.0.0.1:4566'));
  switch (command) {
    case 'serve':
      return serve(options);
    case 'deploy': {
      const template = typeof options.template === 'string' ? options.template : positionals[0];
      if (template === undefined) throw new CliUsageError('--template <file> (or `deploy <file>`) is required.');
      const result = await admin.call<DeployResult>('POST', 'deploy', {
        templatePath: resolve(template),
        stackName: typeof options['stack-name'] === 'string' ? options['stack-name'] : stackNameOf(template),
        account: account(options),
        region: required(options, 'region'),
        ...(typeof options.assembly === 'string' ? { assemblyDir: resolve(options.assembly) } : {}),
      });
      printDeploy(result, admin.endpoint);
      return 0;
    }
    case 'destroy': {
      const result = await admin.call<DestroyResult>('POST', 'destroy', {
        stackName: required(options, 'stack-name'),
        account: account(options),
        region: required(options, 'region'),
      });
      if (result.status === 'NOT_DEPLOYED') {
        // A success, as `cdk destroy` of a missing stack: a partial teardown can be re-run.
        for (const note of result.notes) console.log(note);
        return 0;
      }
      console.log(`Destroyed ${result.stackName} (${result.accountId}, ${result.region}).`);
      for (const r of result.deleted) console.log(`  deleted   ${r.logicalId} (${r.type}) ${r.physicalId}`);
      for (const r of result.retained)
        console.log(`  retained  ${r.logicalId} (${r.type}) ${r.physicalId} (DeletionPolicy Retain)`);
      return 0;
    }
    case 'seed': {
      const accountId = account(options);
      const { accounts } = await admin.call<{ accounts: AdminCredentials[] }>('GET', 'accounts');
      const credentials = accounts.find((a) => a.accountId === accountId);
      if (credentials === undefined)
        throw new CliUsageError(
          `Account ${accountId} is not in the sandbox (accounts: ${accounts.map((a) => a.accountId).join(', ')}).`,
        );
      const count = options.count === undefined ? 0 : Number(options.count);
      if (!Number.isInteger(count) || count < 0 || count > 100_000)
        throw new CliUsageError(`--count must be an integer 0..100000, got '${String(options.count)}'.`);
      const table = required(options, 'table');
      const written = await seedItems({
        endpoint: admin.endpoint,
        region: required(options, 'region'),
        table,
        credentials,
        count,
        ...(typeof options['key-name'] === 'string' ? { keyName: options['key-name'] } : {}),
      });
      console.log(
        `Seeded ${written} items into ${table} (account ${accountId}: the 2 sample items and ${written - 2} generated) as ${credentials.userArn}.`,
      );
      return 0;
    }
    case 'stats': {
      const stats = await admin.call<{ counters: CounterSnapshot; faults?: ActiveFault[] }>(
        options.reset === true ? 'POST' : 'GET',
        options.reset === true ? 'stats/reset' : 'stats',
      );
      const { counters, faults = [] } = stats;
      // --json: the admin API's whole answer (counters, active faults, latency mode and the latency it added).
      if (options.json === true) console.log(JSON.stringify(stats, null, 2));
      else {
        const lines = Object.entries(counters).flatMap(([service, actions]) =>
          Object.entries(actions).map(([action, n]) => `  ${service}:${action}  ${n}`),
        );
        console.log(
          options.reset === true
            ? 'Counters reset.'
            : lines.length === 0
              ? 'No requests counted yet.'
              : `Requests:\n${lines.join('\n')}`,
        );
        if (faults.length > 0) console.log(`Active faults:\n${faults.map(faultLine).join('\n')}`);
      }
      return 0;
    }
    case 'fault':
      return faultCommand(admin, positionals, options);
    case 'credentials': {
      const region = typeof options.region === 'string' ? options.region : 'us-east-1';
      process.stdout.write(credentialExports(await roleSession(admin, options, region), admin.endpoint, region));
      return 0;
    }
    case 'accounts': {
      const { accounts } = await admin.call<{ accounts: AdminCredentials[] }>('GET', 'accounts');
      printAccounts(accounts);
      return 0;
    }
    default:
      throw new CliUsageError(
        `Unknown command '${command}'. Commands: serve, deploy, destroy, seed, stats, fault, accounts, credentials (--help).`,
      );
  }
}

async function serve(options: Options): Promise<number> {
  const port = options.port === undefined ? 4566 : Number(options.port);
  const dataDir = typeof options['data-dir'] === 'string' ? resolve(options['data-dir']) : undefined;
  const sandbox = await startSandbox({
    port,
    // startSandbox refuses anything but none and aws, naming both.
    ...(typeof options.latency === 'string' ? { latency: options.latency as LatencyMode } : {}),
    ...(typeof options.host === 'string' ? { host: options.host } : {}),
    ...(dataDir === undefined ? {} : { dataDir }),
  });
  // Handlers before the banner: a Ctrl-C right after it must find them installed.
  const stopped = new Promise<void>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping the sandbox...`);
      void sandbox.stop().then(done, (error: unknown) => {
        console.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        done();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  console.log(
    `Sandbox listening on ${sandbox.endpoint}${dataDir === undefined ? ' (in memory)' : ` (state in ${dataDir})`}`,
  );
  console.log(
    `Services: STS (AssumeRole, GetCallerIdentity), DynamoDB, Lambda (functions from templates, invoked through API Gateway), API Gateway REST APIs (execute-api, under /restapis/), admin API /_sandbox/; resource types: ${sandbox.context.resourceHandlers.types().join(', ')}`,
  );
  const lambdaNode = resolveNodeRuntime(LAMBDA_RUNTIME);
  console.log(
    `Lambda ${LAMBDA_RUNTIME} functions run on Node ${lambdaNode.version} (${lambdaNode.source})${lambdaNode.note === undefined ? '' : `: ${lambdaNode.note}`}`,
  );
  printAccounts(sandbox.accounts());
  console.log(
    `Latency: ${sandbox.latency === 'aws' ? 'aws (in-region AWS-like delays, a model: see tools/sandbox/README.md)' : 'none (--latency aws adds AWS-like delays)'}`,
  );
  // Faults live in memory only, so none is active at start; each one added or removed is logged as it happens.
  console.log('Faults: none active (`sandbox fault add` injects one, `sandbox fault list` and `stats` show them)');
  console.log(
    `Point the SDK at it: AWS_ENDPOINT_URL_STS=${sandbox.endpoint} AWS_ENDPOINT_URL_DYNAMODB=${sandbox.endpoint}`,
  );
  console.log('Press Ctrl-C to stop.');
  await stopped;
  console.log('Sandbox stopped.');
  return 0;
}

/**
 * A session of `--role-arn`: as `--as-service` gets it (Lambda for an execution role, through the admin API), or
 * else from a real STS AssumeRole over HTTP by the sandbox admin of the role's account.
 */
async function roleSession(admin: AdminClient, options: Options, region: string): Promise<SessionKeys> {
  const roleArn = required(options, 'role-arn');
  const role = parseRoleArn(roleArn);
  if (role === undefined)
    throw new CliUsageError(
      `--role-arn must be an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>), got '${roleArn}'.`,
    );
  const sessionName = typeof options['session-name'] === 'string' ? options['session-name'] : 'sandbox-cli';
  if (typeof options['as-service'] === 'string') {
    const { credentials } = await admin.call<{ credentials: SessionKeys }>('POST', 'credentials', {
      roleArn,
      servicePrincipal: options['as-service'],
      sessionName,
    });
    return credentials;
  }
  const { accounts } = await admin.call<{ accounts: AdminCredentials[] }>('GET', 'accounts');
  const caller = accounts.find((a) => a.accountId === role.accountId);
  if (caller === undefined) throw new CliUsageError(`Account ${role.accountId} of ${roleArn} is not in the sandbox.`);
  const sts = new STSClient({ region, endpoint: admin.endpoint, credentials: caller });
  try {
    const { Credentials: c, AssumedRoleUser: user } = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !user?.Arn)
      throw new AdminApiError(`${admin.endpoint} answered AssumeRole without complete credentials.`, 502);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration.toISOString(),
      assumedRoleArn: user.Arn,
    };
  } finally {
    sts.destroy();
  }
}

function printAccounts(accounts: readonly AdminCredentials[]): void {
  console.log('Admin credentials (AdministratorAccess in the sandbox only):');
  for (const a of accounts) {
    console.log(
      `  ${a.accountId}  ${a.userArn}\n    AWS_ACCESS_KEY_ID=${a.accessKeyId} AWS_SECRET_ACCESS_KEY=${a.secretAccessKey}`,
    );
  }
}

function printDeploy(result: DeployResult, endpoint: string): void {
  console.log(
    `${result.status}: ${result.stackName} in ${result.accountId}/${result.region} (${result.durationMs} ms)`,
  );
  for (const r of result.resources) console.log(`  ${r.action.padEnd(8)}  ${r.logicalId} (${r.type}) ${r.physicalId}`);
  for (const r of result.ignored) console.log(`  ignored   ${r.logicalId} (${r.type}): ${r.reason}`);
  for (const r of result.unsupported) console.log(`  NOT APPLIED ${r.logicalId} (${r.type}): ${r.reason}`);
  for (const note of result.notes) console.log(`  note: ${note}`);
  for (const [name, value] of Object.entries(result.outputs)) {
    console.log(`  output ${name} = ${value}`);
    const local = sandboxUrlOf(value, endpoint);
    if (local) console.log(`  output ${name} in this sandbox = ${local}`);
  }
}

/** `Target.template.json` -> `Target`, as the CDK names a stack's template. */
function stackNameOf(templatePath: string): string {
  const name = basename(templatePath).replace(/\.template\.json$|\.json$/, '');
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name))
    throw new CliUsageError(`Cannot derive a stack name from '${templatePath}': pass --stack-name.`);
  return name;
}

function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new CliUsageError(`--${name} is required.`);
  return value;
}

function account(options: Options): string {
  const value = required(options, 'account');
  if (!/^\d{12}$/.test(value)) throw new CliUsageError(`--account must be a 12-digit account id, got '${value}'.`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = (error as { code?: string }).code;
    console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
    if (code === 'CliUsageError') console.error('Run with --help for usage.');
    process.exitCode = 1;
  },
);
