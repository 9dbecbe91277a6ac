import { InfraError } from './errors';
import { INFRA_ACTIONS, INFRA_APPS, type InfraAction, type InfraApp } from './infra-app';

export interface InfraArgs {
  readonly action: InfraAction;
  readonly app: InfraApp;
  readonly stage: string;
}

const USAGE =
  'usage: tsx tools/scripts/infra/src/main.ts <deploy|diff|destroy> --app <target-infra|source-infra> [--stage <name>]';

/** `<action> --app <app> [--stage <name>]`; the stage defaults to `local`. */
export function parseInfraArgs(argv: readonly string[]): InfraArgs {
  const [action, ...rest] = argv;
  if (!INFRA_ACTIONS.includes(action as InfraAction)) {
    throw new InfraError(
      'USAGE',
      `unknown action ${JSON.stringify(action ?? '')}: expected deploy, diff or destroy\n${USAGE}`,
    );
  }
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const match = /^--(app|stage)(?:=(.*))?$/.exec(arg);
    if (!match) throw new InfraError('USAGE', `unexpected argument ${JSON.stringify(arg)}\n${USAGE}`);
    const value = match[2] ?? rest[++i];
    if (value === undefined || value === '') throw new InfraError('USAGE', `--${match[1]} needs a value\n${USAGE}`);
    options.set(match[1] ?? '', value);
  }
  const app = options.get('app');
  if (!INFRA_APPS.includes(app as InfraApp)) {
    throw new InfraError(
      'USAGE',
      `--app must be target-infra or source-infra, got ${JSON.stringify(app ?? '')}\n${USAGE}`,
    );
  }
  return { action: action as InfraAction, app: app as InfraApp, stage: options.get('stage') ?? 'local' };
}
