import { join, relative } from 'node:path';
import { stackName, type Stage } from '@xacct/config';
import { InfraError } from './errors';
import { findStackInAssembly } from './find-stack-in-assembly';
import type { InfraAction, InfraApp } from './infra-app';
import { SANDBOX_CLI } from './sandbox-cli-path';

export interface PlanInfraCommandInput {
  readonly action: InfraAction;
  readonly app: InfraApp;
  readonly stage: Stage;
  /** Absolute path of the Nx workspace; assemblies live in `dist/apps/<app>/cdk.out` under it. */
  readonly workspaceRoot: string;
  /** Whether `tools/sandbox/src/cli.ts` exists (stages of kind `local` need it). */
  readonly sandboxCliExists: boolean;
}

/** A process to run (`command args...`, from the workspace root), or only a message when there is nothing to run. */
export type InfraCommand =
  | { readonly kind: 'run'; readonly command: string; readonly args: readonly string[] }
  | { readonly kind: 'message'; readonly message: string };

/**
 * Decides how to deploy, diff or destroy one app for one stage. Kind `aws`: the CDK CLI on the synthesized
 * assembly with the stage's profile for that side. Kind `local`: the sandbox CLI with the synthesized template.
 */
export function planInfraCommand(input: PlanInfraCommandInput): InfraCommand {
  const { action, app, stage, workspaceRoot } = input;
  const side = app === 'target-infra' ? stage.target : stage.source;
  const name = stackName(stage, app === 'target-infra' ? 'target' : 'source');
  const assemblyDir = join(workspaceRoot, 'dist/apps', app, 'cdk.out');
  const synthCommand = `npx nx synth ${app} --stage=${stage.name}`;
  const shown = (path: string): string => relative(workspaceRoot, path);
  const assemblyStack = (): ReturnType<typeof findStackInAssembly> => {
    const found = findStackInAssembly(assemblyDir, name, synthCommand);
    const expected = `aws://${side.accountId}/${side.region}`;
    if (found.environment !== expected) {
      throw new InfraError(
        'STACK_NOT_IN_ASSEMBLY',
        `${shown(assemblyDir)}: ${name} is synthesized for ${found.environment}, but stage ${stage.name} says ${expected}; run \`${synthCommand}\``,
      );
    }
    return found;
  };

  if (stage.kind === 'aws') {
    const stack = assemblyStack();
    const args = ['cdk', action, stack.selector, '--app', shown(assemblyDir), '--no-notices'];
    if (side.profile) args.push('--profile', side.profile);
    if (action === 'deploy')
      args.push('--outputs-file', shown(join(workspaceRoot, 'dist/apps', app, `outputs.${stage.name}.json`)));
    // The Nx target is the confirmation; the table survives a destroy (RETAIN + deletion protection).
    if (action === 'destroy') args.push('--force');
    return { kind: 'run', command: 'npx', args };
  }

  if (action === 'diff') {
    return {
      kind: 'message',
      message: `stage ${stage.name} is kind "local": the sandbox applies whole templates, so there is nothing to diff (template: ${shown(assemblyStack().templatePath)})`,
    };
  }
  if (!input.sandboxCliExists) {
    throw new InfraError(
      'SANDBOX_MISSING',
      `stage ${stage.name} is kind "local", which deploys into the offline sandbox, but ${SANDBOX_CLI} does not exist in this checkout. Use a stage of kind "aws" (see config/stages/example.json) or add the sandbox.`,
    );
  }
  const sandbox = ['tsx', '--tsconfig', 'tools/sandbox/tsconfig.json', SANDBOX_CLI, action];
  const where = ['--stack-name', name, '--account', side.accountId, '--region', side.region];
  if (action === 'destroy') return { kind: 'run', command: 'npx', args: [...sandbox, ...where] };
  const stack = assemblyStack();
  return {
    kind: 'run',
    command: 'npx',
    args: [...sandbox, '--template', shown(stack.templatePath), '--assembly', shown(assemblyDir), ...where],
  };
}
