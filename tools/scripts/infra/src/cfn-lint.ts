import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadStage, stackName } from '@xacct/config';
import { InfraError } from './errors';
import { findStackInAssembly } from './find-stack-in-assembly';
import { findWorkspaceRoot } from './find-workspace-root';
import { INFRA_APPS, type InfraApp } from './infra-app';

// `nx cfn-lint <app>`: lints every synthesized template of <app> for each --stage with AWS's cfn-lint and the
// acknowledgements in .cfnlintrc.yaml. The stage Nx synthesized into dist/ is linted there; other stages are
// synthesized into tmp/cfn-lint/<app>/<stage> so dist/ keeps one assembly per app.
const USAGE =
  'usage: tsx tools/scripts/infra/src/cfn-lint.ts --app <target-infra|source-infra> --stage <name> [--stage <name>...]';

function parseArgs(argv: readonly string[]): { app: InfraApp; stages: string[] } {
  let app: string | undefined;
  const stages: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--(app|stage)(?:=(.*))?$/.exec(arg);
    if (!match) throw new InfraError('USAGE', `unexpected argument ${JSON.stringify(arg)}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (!value) throw new InfraError('USAGE', `--${match[1]} needs a value\n${USAGE}`);
    if (match[1] === 'app') app = value;
    else stages.push(value);
  }
  if (!INFRA_APPS.includes(app as InfraApp) || stages.length === 0) throw new InfraError('USAGE', USAGE);
  return { app: app as InfraApp, stages };
}

function templatesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .map((f) => join(dir, f));
}

function run(command: string, args: readonly string[], cwd: string): number {
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    const hint =
      command === 'cfn-lint' ? ': `pip install cfn-lint` (the templates are checked with cfn-lint 1.51)' : '';
    throw new InfraError('USAGE', `${command} is not on the PATH${hint}`);
  }
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** The assembly that holds `stage`'s stack: dist/ when Nx synthesized that stage there, else a fresh one in tmp/. */
function assemblyFor(workspaceRoot: string, app: InfraApp, stage: string): string {
  const side = app === 'target-infra' ? 'target' : 'source';
  const name = stackName(loadStage(stage, { stagesDir: join(workspaceRoot, 'config/stages') }), side);
  const dist = join(workspaceRoot, 'dist/apps', app, 'cdk.out');
  try {
    findStackInAssembly(dist, name, '');
    return dist;
  } catch {
    // Not synthesized there (or for another stage): synthesize it beside, never over, Nx's assembly.
  }
  const out = relative(workspaceRoot, join(workspaceRoot, 'tmp/cfn-lint', app, stage));
  const appCommand = `tsx --tsconfig apps/${app}/tsconfig.json apps/${app}/src/main.ts`;
  const synth = ['cdk', 'synth', '--app', appCommand, '--output', out, '--context', `stage=${stage}`, '--no-notices'];
  if (run('npx', [...synth, '--no-version-reporting', '--quiet'], workspaceRoot) !== 0) {
    throw new InfraError('ASSEMBLY_MISSING', `${app}: synth of stage ${stage} into ${out} failed (see above)`);
  }
  return join(workspaceRoot, out);
}

function main(argv: readonly string[]): number {
  const { app, stages } = parseArgs(argv);
  const workspaceRoot = findWorkspaceRoot();
  const templates = stages.flatMap((stage) => templatesIn(assemblyFor(workspaceRoot, app, stage)));
  const shown = templates.map((t) => relative(workspaceRoot, t));
  console.log(`${app}: cfn-lint --config-file .cfnlintrc.yaml ${shown.join(' ')}`);
  const code = run('cfn-lint', ['--config-file', '.cfnlintrc.yaml', '--', ...shown], workspaceRoot);
  if (code === 0) console.log(`${app}: ${shown.length} templates, no unacknowledged cfn-lint findings`);
  return code;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof InfraError) {
    console.error(`cfn-lint: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
