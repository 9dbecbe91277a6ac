import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadStage } from '@xacct/config';
import { InfraError } from './errors';
import { findWorkspaceRoot } from './find-workspace-root';
import { parseInfraArgs } from './parse-infra-args';
import { planInfraCommand } from './plan-infra-command';
import { SANDBOX_CLI } from './sandbox-cli-path';

// Runs `nx deploy|diff|destroy <app> --stage <name>`: dispatches on the stage's kind (aws -> CDK CLI, local -> sandbox).
function main(argv: readonly string[]): number {
  const args = parseInfraArgs(argv);
  const workspaceRoot = findWorkspaceRoot();
  const stage = loadStage(args.stage, { stagesDir: join(workspaceRoot, 'config/stages') });
  const plan = planInfraCommand({
    ...args,
    stage,
    workspaceRoot,
    sandboxCliExists: existsSync(join(workspaceRoot, SANDBOX_CLI)),
  });
  if (plan.kind === 'message') {
    console.log(`${args.app}: ${plan.message}`);
    return 0;
  }
  console.log(
    `${args.app}: ${args.action} (stage ${stage.name}, kind ${stage.kind}): ${plan.command} ${plan.args.join(' ')}`,
  );
  const result = spawnSync(plan.command, plan.args, {
    cwd: workspaceRoot,
    stdio: 'inherit',
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // Usage, stage and assembly problems are the caller's to fix: one line saying how, no stack trace.
  if (error instanceof InfraError || error instanceof ConfigError) {
    console.error(`infra: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
