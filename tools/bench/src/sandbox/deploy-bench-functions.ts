import { join } from 'node:path';
import type { Stage } from '@xacct/config';
import { AdminClient, type Sandbox } from '@xacct/sandbox';
import { BenchError } from '../errors';
import { apiOfOutputs } from './api-of-outputs';
import type { BenchFunction } from './bench-environment';
import { benchFunctionOf } from './bench-function-of';
import { readerFunctionProps } from './reader-function-props';
import { writeClassicAssembly } from './write-classic-assembly';

export interface DeployBenchFunctionsInput {
  readonly sandbox: Sandbox;
  /** Outputs of the deployed source stack (ApiUrl, FunctionName). */
  readonly outputs: Readonly<Record<string, string>>;
  /** The source stack's template, for the reader function's runtime, memory and timeout. */
  readonly sourceTemplate: string;
  readonly stage: Stage;
  readonly classicBundle: string;
  /** Where to write the classic baseline's small cloud assembly. */
  readonly workDir: string;
}

/**
 * Stage throttling (50 rps / burst 100 for `local`) is lifted by this factor: the bench measures the function
 * path, and a throttled run would measure the token bucket instead. The throttling itself is tested in e2e.
 */
const THROTTLE_SCALE = 1000;

/** The reader (from the source stack) and the classic baseline (deployed here, same limits and role) behind the sandbox's API. */
export async function deployBenchFunctions(
  input: DeployBenchFunctionsInput,
): Promise<{ reader: BenchFunction; classic: BenchFunction } | string> {
  const { sandbox, stage } = input;
  const readerName = input.outputs['FunctionName'];
  if (!readerName || !input.outputs['ApiUrl']) {
    return 'the source stack deployed without a function or API (does this sandbox run Lambda and API Gateway?)';
  }
  const readerApi = apiOfOutputs(input.outputs, 'source');
  const props = readerFunctionProps(input.sourceTemplate);
  const classicAssembly = writeClassicAssembly({
    dir: join(input.workDir, 'classic.cdk.out'),
    stage,
    classicBundle: input.classicBundle,
    ...props,
  });
  const result = await sandbox.deploy({
    template: classicAssembly.templateFile,
    stackName: 'xacct-bench-classic',
    account: stage.source.accountId,
    region: stage.source.region,
    assemblyDir: classicAssembly.assemblyDir,
  });
  if (result.unsupported.length > 0) {
    throw new BenchError(
      'SandboxUnavailable',
      `the classic stack was not fully applied: ${result.unsupported.map((r) => `${r.logicalId} (${r.reason})`).join('; ')}`,
    );
  }
  const classicName = result.outputs['FunctionName'];
  const classicApiId = result.outputs['ApiId'];
  if (!classicName || !classicApiId)
    throw new BenchError('UnexpectedResponse', 'the classic stack has no FunctionName/ApiId outputs');
  await new AdminClient(sandbox.endpoint).call('POST', `throttle?scale=${THROTTLE_SCALE}`);
  return {
    reader: benchFunctionOf(sandbox, readerName, readerApi.apiId, readerApi.stageName),
    classic: benchFunctionOf(sandbox, classicName, classicApiId, stage.name),
  };
}
