import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadStage } from '@xacct/config';
import { checkApiGatewayLoggingRole } from './check-api-gateway-logging-role';
import { checkProfileAccount } from './check-profile-account';
import { InfraError } from './errors';
import { findWorkspaceRoot } from './find-workspace-root';
import { parseInfraArgs } from './parse-infra-args';
import { planInfraCommand } from './plan-infra-command';
import { SANDBOX_CLI } from './sandbox-cli-path';

/** Someone can answer CDK's approval prompt: not CI, and a terminal on both ends (Nx gives a task a PTY then). */
function isInteractive(): boolean {
  const ci = process.env['CI'];
  const inCi = ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
  return !inCi && process.stdin.isTTY === true && process.stdout.isTTY === true;
}

// Runs `nx deploy|diff|destroy <app> --stage <name>`: dispatches on the stage's kind (aws -> CDK CLI, local -> sandbox).
async function main(argv: readonly string[]): Promise<number> {
  const args = parseInfraArgs(argv);
  const workspaceRoot = findWorkspaceRoot();
  const stage = loadStage(args.stage, { stagesDir: join(workspaceRoot, 'config/stages') });
  const plan = planInfraCommand({
    ...args,
    stage,
    workspaceRoot,
    sandboxCliExists: existsSync(join(workspaceRoot, SANDBOX_CLI)),
    interactive: isInteractive(),
  });
  if (plan.kind === 'message') {
    console.log(`${args.app}: ${plan.message}`);
    return 0;
  }
  // The plan first, so a run without credentials still shows what it would have run.
  console.log(
    `${args.app}: ${args.action} (stage ${stage.name}, kind ${stage.kind}): ${plan.command} ${plan.args.join(' ')}`,
  );
  if (stage.kind === 'aws') {
    const sideName = args.app === 'target-infra' ? 'target' : 'source';
    const side = stage[sideName];
    const profile = args.noProfile ? undefined : side.profile;
    await checkProfileAccount({
      profile,
      accountId: side.accountId,
      region: side.region,
      label: `${args.app} (${sideName} side of stage ${stage.name})`,
    });
    if (args.app === 'source-infra' && args.action === 'deploy') {
      await checkApiGatewayLoggingRole({ profile, accountId: side.accountId, region: side.region });
    }
  }
  const result = spawnSync(plan.command, plan.args, {
    cwd: workspaceRoot,
    stdio: 'inherit',
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Usage, stage, assembly, profile and account-setup problems are the caller's to fix: what to do, no stack trace.
  if (error instanceof InfraError || error instanceof ConfigError) {
    console.error(`infra: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
