// `npm run demo`: the classic cross-account story, scripted against a fresh sandbox on a free port, then exit.
// source-infra alone -> 502 TargetAccessDenied (diagnosis in the function log); target-infra deployed -> the two items;
// GetItem; paging with limit=1 and nextToken; an unsigned request -> 403. Exit code 0 when every check held.
import type { FetchedResponse } from '@xacct/sandbox';
import { LocalFlow } from './local-flow';
import { StepFailure, StepRunner } from './step-runner';

interface Page {
  items: Array<Record<string, unknown>>;
  nextToken: string | null;
}

function expectStatus(response: FetchedResponse, status: number, what: string): void {
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${response.status}: ${response.text}`);
}

function show(request: string, response: FetchedResponse): string {
  const body = response.text.length > 400 ? `${response.text.slice(0, 400)}...` : response.text;
  return `      ${request}\n      -> ${response.status} ${body}`;
}

async function main(): Promise<number> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  const flow = new LocalFlow('local');
  const { stage } = flow;
  const steps = new StepRunner(9);
  const transcript: string[] = [];
  const print = (line: string) => transcript.push(line);
  const flush = () => {
    if (transcript.length > 0) console.log(transcript.splice(0).join('\n'));
  };
  const sandboxLog: string[] = [];
  console.log('npm run demo: the classic cross-account story on a fresh local sandbox\n');
  try {
    await steps.run(
      'Start a sandbox on a free port',
      () => flow.start(0, (line) => sandboxLog.push(line)),
      (s) => s.endpoint,
    );
    await steps.run('Build the reader and synthesize both CDK apps', () => flow.synth());
    await steps.run(`Deploy ONLY source-infra into ${stage.source.accountId} (target not deployed yet)`, () =>
      flow.deploy('source-infra'),
    );
    await steps.run('GET /items answers 502 TargetAccessDenied (the diagnosis is in the function log)', async () => {
      const response = await flow.get('/items');
      print(show('GET /items (signed)', response));
      expectStatus(response, 502, 'GET /items before target-infra');
      const code = (response.json as { error?: { code?: string } } | undefined)?.error?.code;
      if (code !== 'TargetAccessDenied') throw new Error(`expected error code TargetAccessDenied, got ${String(code)}`);
    });
    flush();
    await steps.run(`Deploy target-infra into ${stage.target.accountId} and seed the two sample items`, async () => {
      await flow.deploy('target-infra');
      return flow.seed();
    });
    await steps.run('The same GET /items now returns the two items (no restart)', async () => {
      const response = await flow.get('/items');
      print(show('GET /items (signed)', response));
      expectStatus(response, 200, 'GET /items after target-infra');
      const ids = (response.json as Page).items.map((item) => item[stage.table.partitionKey.name]).sort();
      if (ids.join(',') !== 'd0001,d0002') throw new Error(`expected d0001 and d0002, got ${ids.join(',')}`);
    });
    flush();
    await steps.run('GET /items/d0001', async () => {
      const response = await flow.get('/items/d0001');
      print(show('GET /items/d0001 (signed)', response));
      expectStatus(response, 200, 'GET /items/d0001');
      if ((response.json as { name?: string }).name !== 'This is a pen.')
        throw new Error(`unexpected item: ${response.text}`);
    });
    flush();
    await steps.run('Page through with limit=1 and nextToken', async () => {
      const seen: unknown[] = [];
      let path = '/items?limit=1';
      for (let page = 1; page <= 5; page += 1) {
        const response = await flow.get(path);
        print(show(`GET ${path} (signed)`, response));
        expectStatus(response, 200, `page ${page}`);
        const body = response.json as Page;
        seen.push(...body.items.map((item) => item[stage.table.partitionKey.name]));
        if (body.nextToken === null) break;
        path = `/items?limit=1&nextToken=${encodeURIComponent(body.nextToken)}`;
      }
      if ([...new Set(seen)].sort().join(',') !== 'd0001,d0002' || seen.length !== 2)
        throw new Error(`pages returned ${seen.join(',')}`);
    });
    flush();
    await steps.run('An unsigned GET /items is refused with 403', async () => {
      const response = await flow.get('/items', false);
      print(show('GET /items (unsigned)', response));
      expectStatus(response, 403, 'unsigned GET /items');
    });
    flush();
  } catch (error) {
    flush();
    const failure = error instanceof StepFailure ? error : new StepFailure('demo', 0, String(error));
    console.error(`\n${failure.step} failed after ${failure.seconds} s: ${failure.message}`);
    if (failure.output) console.error(`--- output (last lines) ---\n${failure.output}\n---`);
    if (sandboxLog.length > 0) console.error(`--- sandbox log ---\n${sandboxLog.slice(-20).join('\n')}\n---`);
    await flow.stop();
    return 1;
  }
  const counters = flow.sandbox.counters();
  console.log(
    `\nDemo passed in ${steps.elapsedSeconds()} s. STS AssumeRole calls: ${counters['sts']?.['AssumeRole'] ?? 0} (one denied before target-infra, one after: the warm worker caches the session).`,
  );
  await flow.stop();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`npm run demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
