import { REQUIRE_APPROVAL, type RequireApproval } from '@xacct/config';
import { InfraError } from './errors';
import { INFRA_ACTIONS, INFRA_APPS, type InfraAction, type InfraApp } from './infra-app';

export interface InfraArgs {
  readonly action: InfraAction;
  readonly app: InfraApp;
  readonly stage: string;
  /** `--no-profile`: ignore the stage's profiles and use the default credential chain (CI with OIDC credentials). */
  readonly noProfile?: boolean;
  /** `--require-approval` given on the command line (deploy only). */
  readonly requireApproval?: RequireApproval;
  /** Every other argument, for the CDK CLI (stages of kind `aws` only). */
  readonly cdkArgs: readonly string[];
}

const USAGE =
  'usage: tsx tools/scripts/infra/src/main.ts <deploy|diff|destroy> --app <target-infra|source-infra> [--stage <name>] [--require-approval <level>] [--no-profile] [<cdk flags>] [-- <cdk flags>]';

const OWN_OPTION = /^--(app|stage|require-approval)(?:=(.*))?$/;

/**
 * `<action> --app <app> [--stage <name>] [--require-approval <level>] [--no-profile]`; the stage defaults to `local`. Nx forwards
 * whatever else the user typed (`nx deploy <app> --stage=x --tags a=b`), and everything after a literal `--` is
 * CDK's too: those arguments pass through to the CDK CLI as they are.
 */
export function parseInfraArgs(argv: readonly string[]): InfraArgs {
  const [action, ...rest] = argv;
  if (!INFRA_ACTIONS.includes(action as InfraAction)) {
    throw new InfraError(
      'USAGE',
      `unknown action ${JSON.stringify(action ?? '')}: expected deploy, diff or destroy\n${USAGE}`,
    );
  }
  const options = new Map<string, string>();
  const cdkArgs: string[] = [];
  let noProfile = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--') {
      cdkArgs.push(...rest.slice(i + 1));
      break;
    }
    if (arg === '--no-profile') {
      noProfile = true;
      continue;
    }
    const match = OWN_OPTION.exec(arg);
    if (!match) {
      cdkArgs.push(arg);
      continue;
    }
    const name = match[1] ?? '';
    const value = match[2] ?? rest[++i];
    if (value === undefined || value === '' || value.startsWith('--')) {
      throw new InfraError('USAGE', `--${name} needs a value\n${USAGE}`);
    }
    const earlier = options.get(name);
    if (earlier !== undefined && earlier !== value) {
      throw new InfraError('USAGE', `--${name} given twice (${earlier} and ${value}): keep one\n${USAGE}`);
    }
    options.set(name, value);
  }
  const app = options.get('app');
  if (!INFRA_APPS.includes(app as InfraApp)) {
    throw new InfraError(
      'USAGE',
      `--app must be target-infra or source-infra, got ${JSON.stringify(app ?? '')}\n${USAGE}`,
    );
  }
  const requireApproval = options.get('require-approval');
  if (requireApproval !== undefined) {
    if (!REQUIRE_APPROVAL.includes(requireApproval as RequireApproval)) {
      throw new InfraError(
        'USAGE',
        `--require-approval must be one of ${REQUIRE_APPROVAL.join(', ')}, got ${JSON.stringify(requireApproval)}`,
      );
    }
    if (action !== 'deploy') throw new InfraError('USAGE', `--require-approval applies to deploy only, not ${action}`);
  }
  return {
    action: action as InfraAction,
    app: app as InfraApp,
    stage: options.get('stage') ?? 'local',
    ...(requireApproval ? { requireApproval: requireApproval as RequireApproval } : {}),
    ...(noProfile ? { noProfile } : {}),
    cdkArgs,
  };
}
