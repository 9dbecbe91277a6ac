// `npm start`: the whole flow on the local two-account sandbox, and it stays up until Ctrl-C.
// Steps: start the sandbox, build + synth, deploy target-infra then source-infra (the real `nx deploy`
// targets), seed the sample items, check the API with a signed request, print URLs, keys and curl commands.
import { parseArgs } from 'node:util';
import { lambdaApiServices, type LatencyMode } from '@xacct/sandbox';
import { LocalFlow } from './local-flow';
import { runningCommands } from './running-commands';
import { tryPaths } from './try-paths';
import { StepFailure, StepRunner } from './step-runner';

const HINTS: Array<[RegExp, string]> = [
  [/in use/, 'Another sandbox (or program) holds the port: stop it, or run `npm start -- --port 4567`.'],
  [/synth/, 'Run `npx nx synth source-infra --verbose` to see the whole synth output.'],
  [/deploy/, 'Run the printed nx command by hand with the same SANDBOX_ENDPOINT to see the whole output.'],
];

async function main(): Promise<number> {
  // The seed uses the AWS SDK in this process; its Node-version notice is noise here.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env['SANDBOX_PORT'] ?? '4566' },
      // A stage of kind local: `local` (assume-role), `local-resource-policy` or `local-history` (sort key, GSI).
      stage: { type: 'string', default: 'local' },
      'quiet-logs': { type: 'boolean', default: false },
      // `aws`: the sandbox adds in-region AWS-like delays (tools/sandbox/README.md, latency model).
      latency: { type: 'string', default: 'none' },
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) {
    process.stderr.write(`--port must be a whole number 0..65535 (0 = any free port), got '${values.port}'.\n`);
    return 2;
  }
  const flow = new LocalFlow(values.stage);
  const { stage } = flow;
  const steps = new StepRunner(6);
  const sandboxLog: string[] = [];
  let ready = false;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    steps.silence();
    // A synth or deploy still running would otherwise outlive this process.
    await runningCommands.stopAll();
    // Nothing to stop when the sandbox never started (e.g. its port was in use).
    if (flow.started) {
      process.stdout.write('\nStopping the sandbox ...');
      await flow.stop();
      process.stdout.write(' stopped.\n');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(ready ? 0 : 130));
  process.on('SIGTERM', () => void stop(ready ? 0 : 143));

  console.log(
    `npm start: the cross-account reader on the local sandbox (stage ${stage.name}: source ${stage.source.accountId}, target ${stage.target.accountId}, ${stage.source.region}, access mode ${stage.access.mode})\n`,
  );
  try {
    // Until ready, the sandbox's own log lines are kept and shown only if a step fails.
    await steps.run(
      `Start the sandbox on 127.0.0.1:${port}${values.latency === 'none' ? '' : ` (latency ${values.latency})`}`,
      () =>
        flow.start(
          port,
          (line) => (ready ? console.error(line) : sandboxLog.push(line)),
          values.latency as LatencyMode,
        ),
    );
    await steps.run('Build the reader and synthesize both CDK apps (nx run-many -t synth)', () => flow.synth());
    await steps.run(
      `Deploy target-infra into ${stage.target.accountId} (nx deploy target-infra --stage ${stage.name})`,
      () => flow.deploy('target-infra'),
    );
    await steps.run(
      `Deploy source-infra into ${stage.source.accountId} (nx deploy source-infra --stage ${stage.name})`,
      () => flow.deploy('source-infra'),
    );
    await steps.run(
      `Seed the sample items into ${stage.table.name}`,
      () => flow.seed(),
      (n) => `${n} items`,
    );
    await steps.run(
      'Check the API: SigV4-signed GET /items (cold start)',
      async () => {
        const response = await flow.get('/items');
        const items = (response.json as { items?: unknown[] } | undefined)?.items;
        if (response.status !== 200 || !Array.isArray(items))
          throw new Error(`GET /items answered ${response.status}: ${response.text}`);
        return items.length;
      },
      (n) => `200 with ${n} items`,
    );
  } catch (error) {
    // Stopped by a signal: the step failed because its command was killed, which is no news.
    if (stopping) return 1;
    const failure = error instanceof StepFailure ? error : new StepFailure('npm start', 0, String(error));
    console.error(`\n${failure.step} failed after ${failure.seconds} s: ${failure.message}`);
    if (failure.output) console.error(`--- output (last lines) ---\n${failure.output}\n---`);
    if (sandboxLog.length > 0) console.error(`--- sandbox log ---\n${sandboxLog.slice(-20).join('\n')}\n---`);
    const hint = HINTS.find(([pattern]) => pattern.test(`${failure.step} ${failure.message}`))?.[1];
    if (hint) console.error(`Hint: ${hint}`);
    await stop(1);
    return 1;
  }
  ready = true;

  const url = flow.apiUrl();
  const source = flow.admin('source');
  const target = flow.admin('target');
  const sigv4 = `--aws-sigv4 "aws:amz:${stage.source.region}:execute-api" --user "${source.accessKeyId}:${source.secretAccessKey}"`;
  console.log(`
Ready in ${steps.elapsedSeconds()} s.

  Sandbox endpoint  ${flow.sandbox.endpoint}   (AWS_ENDPOINT_URL for STS and DynamoDB; admin API under /_sandbox/)
  API URL           ${url}
  Access mode       ${stage.access.mode}: sts:AssumeRole calls so far ${flow.sandbox.counters()['sts']?.['AssumeRole'] ?? 0} (${stage.access.mode === 'resource-policy' ? 'none ever: the reader uses its own role and the table policy' : 'one per warm reader, cached'}; GET /_sandbox/stats)

  Admin keys (IAM user sandbox-admin of each account; calling the API needs the source account's):
    source ${stage.source.accountId}  ${source.accessKeyId}  ${source.secretAccessKey}
    target ${stage.target.accountId}  ${target.accessKeyId}  ${target.secretAccessKey}

Try (copy and paste):
${tryPaths(stage)
  .map(([path, what]) => `  curl -sS ${sigv4} "${url}${path}"${what ? `   # ${what}` : ''}`)
  .join('\n')}
  curl -sS "${url}/items"          # unsigned: 403 Missing Authentication Token

${values['quiet-logs'] ? 'Function logs are off (--quiet-logs).' : 'Function logs follow below.'} Ctrl-C stops the sandbox.
`);
  if (!values['quiet-logs']) {
    lambdaApiServices(flow.sandbox.context).lambda.setEcho((line) => console.log(line));
  }
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
