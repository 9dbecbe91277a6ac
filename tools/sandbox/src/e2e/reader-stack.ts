import { loadStage, stackName, type Stage } from '@xacct/config';
import { signedFetch, type FetchedResponse, type SigningCredentials } from '@xacct/reader-client';
import { deployedApiUrl } from '../api-gateway/deployed-api-url';
import { seedItems } from '../cli/seed-items';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { localAssemblies, type AssemblyStack } from './local-assemblies';

/**
 * A sandbox on a free port with the real synthesized templates of both apps, for the e2e tests: deploy
 * each side, seed, and call the deployed API with SigV4-signed HTTP like any client would.
 */
export class ReaderStack {
  readonly log: string[] = [];
  private constructor(
    readonly sandbox: Sandbox,
    readonly stage: Stage,
  ) {}

  /** @param stage whose accounts, names and stack names are used @default the `local` stage */
  static async start(stage: Stage = loadStage('local')): Promise<ReaderStack> {
    const log: string[] = [];
    const stack = new ReaderStack(await startSandbox({ port: 0, log: (line) => log.push(line) }), stage);
    stack.log.push(...log);
    return stack;
  }

  /** @param target the synthesized target stack @default the one in dist (stage local) */
  async deployTarget(target: AssemblyStack = localAssemblies(this.stage).target): Promise<void> {
    await this.sandbox.deploy({
      template: target.template,
      assemblyDir: target.assemblyDir,
      stackName: stackName(this.stage, 'target'),
      account: this.stage.target.accountId,
      region: this.stage.target.region,
    });
  }

  /** @param source the synthesized source stack @default the one in dist (stage local) */
  async deploySource(source: AssemblyStack = localAssemblies(this.stage).source): Promise<void> {
    await this.sandbox.deploy({
      template: source.template,
      assemblyDir: source.assemblyDir,
      stackName: stackName(this.stage, 'source'),
      account: this.stage.source.accountId,
      region: this.stage.source.region,
    });
  }

  /** The two classic items plus `extra` generated ones, through the IAM-checked DynamoDB endpoint. */
  seed(extra = 0): Promise<number> {
    return seedItems({
      endpoint: this.sandbox.endpoint,
      region: this.stage.target.region,
      table: this.stage.table.name,
      credentials: this.sandbox.adminCredentials(this.stage.target.accountId),
      count: extra,
    });
  }

  /** The source account's admin: allowed to invoke the API by its identity policy. */
  caller(): SigningCredentials {
    const { accessKeyId, secretAccessKey } = this.sandbox.adminCredentials(this.stage.source.accountId);
    return { accessKeyId, secretAccessKey };
  }

  apiUrl(): string {
    return deployedApiUrl(this.sandbox.context, this.sandbox.endpoint, this.stage);
  }

  /** GET `<api url><path>`, signed as `credentials` (the source admin by default; `null` sends it unsigned). */
  get(path: string, credentials: SigningCredentials | null = this.caller()): Promise<FetchedResponse> {
    return signedFetch(`${this.apiUrl()}${path}`, {
      ...(credentials === null ? {} : { credentials }),
      region: this.stage.source.region,
    });
  }

  stop(): Promise<void> {
    return this.sandbox.stop();
  }
}
