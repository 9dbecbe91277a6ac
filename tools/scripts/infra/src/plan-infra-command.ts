import { join, relative } from 'node:path';
import { stackName, type RequireApproval, type Stage } from '@xacct/config';
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
  /** Someone can answer CDK's approval prompt: a TTY on stdin and stdout, and not `CI`. */
  readonly interactive: boolean;
  /** Use the default credential chain instead of the stage's profile (`--no-profile`). */
  readonly noProfile?: boolean;
  /** `--require-approval` from the command line; wins over the stage file. */
  readonly requireApproval?: RequireApproval;
  /** Extra CDK CLI arguments (kind `aws` only). */
  readonly cdkArgs?: readonly string[];
}

// Flags the runner sets itself from the stage, so a second value on the command line would contradict it.
const RUNNER_FLAGS: Record<string, string> = {
  '--profile':
    'the profile comes from the stage file (source.profile / target.profile); --no-profile uses the environment',
  '--app': 'the runner deploys the assembly Nx synthesized for this stage',
  '-a': 'the runner deploys the assembly Nx synthesized for this stage',
  '--require-approval': 'write it before `--`, where the runner reads it',
};

function flagName(arg: string): string {
  return arg.split('=')[0] ?? arg;
}

function refuseCdkArgs(stage: Stage, cdkArgs: readonly string[]): void {
  for (const arg of cdkArgs) {
    const flag = flagName(arg);
    if (flag === '--hotswap' || flag === '--hotswap-fallback') {
      throw new InfraError(
        'USAGE',
        `${flag} is refused for stage ${stage.name} (kind "aws"): it updates resources behind CloudFormation's back and leaves the stack drifted; deploy without it`,
      );
    }
    const why = RUNNER_FLAGS[flag];
    if (why) throw new InfraError('USAGE', `${flag} cannot be passed through: ${why}`);
  }
}

/**
 * What `cdk deploy --require-approval` gets: the command line, then the stage file; otherwise CDK's own prompt
 * (`broadening`) when someone can answer it, and `never` in CI, where the prompt fails with TtyNotAttached.
 */
function requireApprovalFor(input: PlanInfraCommandInput): RequireApproval {
  return input.requireApproval ?? input.stage.deploy?.requireApproval ?? (input.interactive ? 'broadening' : 'never');
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

  const cdkArgs = input.cdkArgs ?? [];
  if (stage.kind === 'aws') {
    refuseCdkArgs(stage, cdkArgs);
    const stack = assemblyStack();
    const args = ['cdk', action, stack.selector, '--app', shown(assemblyDir), '--no-notices'];
    if (side.profile && !input.noProfile) args.push('--profile', side.profile);
    if (action === 'deploy') {
      args.push('--require-approval', requireApprovalFor(input));
      // The retained table keeps its name after a destroy: adopt it instead of failing on "already exists".
      if (app === 'target-infra') args.push('--import-existing-resources');
      args.push('--outputs-file', shown(join(workspaceRoot, 'dist/apps', app, `outputs.${stage.name}.json`)));
    }
    // The Nx target is the confirmation; the table survives a destroy (RETAIN + deletion protection).
    if (action === 'destroy') args.push('--force');
    return { kind: 'run', command: 'npx', args: [...args, ...cdkArgs] };
  }
  if (cdkArgs.length > 0) {
    throw new InfraError(
      'USAGE',
      `stage ${stage.name} is kind "local" (the offline sandbox), so CDK flags do not apply: ${cdkArgs.join(' ')}. Meant another stage? Nx drops the options written before a \`--\`: write \`nx ${action} ${app} --stage=<stage> <cdk flags>\` or put all of them after \`--\``,
    );
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
