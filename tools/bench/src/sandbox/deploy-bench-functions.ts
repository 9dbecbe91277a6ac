import type { Stage } from '@xacct/config';
import type { Sandbox } from '@xacct/sandbox';
import type { BenchFunction } from './bench-environment';

export interface DeployBenchFunctionsInput {
  readonly sandbox: Sandbox;
  /** Outputs of the deployed source stack (ApiUrl, FunctionName). */
  readonly outputs: Readonly<Record<string, string>>;
  readonly stage: Stage;
  readonly classicBundle: string;
  readonly workspaceRoot: string;
}

/** The reader (from the source stack) and the classic baseline behind the sandbox's API, or why not. */
export async function deployBenchFunctions(
  _input: DeployBenchFunctionsInput,
): Promise<{ reader: BenchFunction; classic: BenchFunction } | string> {
  return 'the sandbox does not run Lambda functions behind its API yet (sandbox part 2, issue 6)';
}
