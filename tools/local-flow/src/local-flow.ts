import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStage, type Stage } from '@xacct/config';
import {
  deployedApiUrl,
  seedItems,
  signedFetch,
  startSandbox,
  type AdminCredentials,
  type FetchedResponse,
  type LatencyMode,
  type Sandbox,
  writeItems,
} from '@xacct/sandbox';
import { historyReadings } from './history-readings';
import { runCommand } from './run-command';
import { StepFailure } from './step-runner';

export const WORKSPACE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The local flow `npm start` and `npm run demo` share: a sandbox in this process, the real Nx targets
 * (synth, deploy) run against it, the seed, and signed calls to the deployed API.
 */
export class LocalFlow {
  readonly stage: Stage;
  private running: Sandbox | undefined;

  constructor(stageName = 'local') {
    this.stage = loadStage(stageName, { stagesDir: join(WORKSPACE_ROOT, 'config/stages') });
    if (this.stage.kind !== 'local')
      throw new Error(`Stage ${stageName} is kind "${this.stage.kind}"; npm start runs stages of kind "local".`);
  }

  /** Whether a sandbox is running (false before `start` succeeded and after `stop`). */
  get started(): boolean {
    return this.running !== undefined;
  }

  get sandbox(): Sandbox {
    if (!this.running) throw new Error('The sandbox is not started.');
    return this.running;
  }

  /** `latency`: `aws` adds the sandbox's AWS-like delays (startSandbox checks the value). */
  async start(port: number, log: (line: string) => void, latency: LatencyMode = 'none'): Promise<Sandbox> {
    this.running = await startSandbox({
      port,
      log,
      latency,
      accounts: [this.stage.source.accountId, this.stage.target.accountId],
    });
    return this.running;
  }

  /** `nx run-many -t synth`: builds the reader bundle (a dependency of source-infra's synth) and both assemblies. */
  async synth(): Promise<string> {
    const args = ['run-many', '-t', 'synth', '-p', 'target-infra,source-infra', '--stage', this.stage.name];
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.nx(args);
      } catch (error) {
        // The CDK CLI locks its output directory; another synth (a watcher, a test run) may hold it briefly.
        const locked = error instanceof StepFailure && /is currently synthing/.test(error.output ?? '');
        if (!locked || attempt === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    }
  }

  /** `nx deploy <app> --stage <stage>`; the assemblies are already synthesized, so the task's dependencies are skipped. */
  deploy(app: 'target-infra' | 'source-infra'): Promise<string> {
    return this.nx(['deploy', app, '--stage', this.stage.name, '--excludeTaskDependencies']);
  }

  /**
   * Sample items through the IAM-checked DynamoDB endpoint: a table with a sort key gets readings per device
   * (historyReadings), one without the two classic items plus `count` generated ones.
   */
  seed(count = 0): Promise<number> {
    const target = {
      endpoint: this.sandbox.endpoint,
      region: this.stage.target.region,
      table: this.stage.table.name,
      credentials: this.admin('target'),
    };
    if (this.stage.table.sortKey) return writeItems({ ...target, items: historyReadings(this.stage) });
    return seedItems({ ...target, count, keyName: this.stage.table.partitionKey.name });
  }

  admin(side: 'source' | 'target'): AdminCredentials {
    return this.sandbox.adminCredentials(this.stage[side].accountId);
  }

  /** The invoke URL of the stage's REST API (its source stack's ApiUrl output). */
  apiUrl(): string {
    return deployedApiUrl(this.sandbox.context, this.sandbox.endpoint, this.stage);
  }

  /** GET `<api url><path>`, signed as the source account's admin unless `signed` is false. */
  get(path: string, signed = true): Promise<FetchedResponse> {
    const { accessKeyId, secretAccessKey } = this.admin('source');
    return signedFetch(`${this.apiUrl()}${path}`, {
      ...(signed ? { credentials: { accessKeyId, secretAccessKey } } : {}),
      region: this.stage.source.region,
    });
  }

  async stop(): Promise<void> {
    const sandbox = this.running;
    this.running = undefined;
    await sandbox?.stop();
  }

  private nx(args: string[]): Promise<string> {
    return runCommand('npx', ['nx', ...args, '--outputStyle=static'], {
      cwd: WORKSPACE_ROOT,
      env: { SANDBOX_ENDPOINT: this.sandbox.endpoint, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
    });
  }
}
