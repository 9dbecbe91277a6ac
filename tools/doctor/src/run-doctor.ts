import { checkAccessGrant } from './checks/check-access-grant';
import { checkAccounts } from './checks/check-accounts';
import { checkApi } from './checks/check-api';
import { checkApiGatewayLogging } from './checks/check-api-gateway-logging';
import { checkFunction } from './checks/check-function';
import { checkInvoke } from './checks/check-invoke';
import { checkStacks } from './checks/check-stacks';
import { checkStageFile } from './checks/check-stage-file';
import { checkTable } from './checks/check-table';
import { fail, skip, type CheckOutcome, type CheckResult } from './check-result';
import type { DoctorContext, Preflights, Side } from './doctor-context';
import { errorText } from './error-text';

export interface RunDoctorInput {
  readonly stageName: string;
  readonly stagesDir: string;
  readonly workspaceRoot: string;
  /** The sandbox endpoint for local stages. */
  readonly endpoint: string;
  readonly preflights: Preflights;
  /** Longest one check may take before it fails as "did not answer". @default 30000 */
  readonly checkTimeoutMs?: number;
}

/** The whole run: the stage, and one result per check in order. */
export interface DoctorReport {
  readonly stage: string;
  readonly kind?: 'aws' | 'local';
  readonly ok: boolean;
  readonly checks: CheckResult[];
}

interface LaterCheck {
  readonly id: number;
  readonly name: string;
  /** The side whose credentials (check 2) and stack (check 3) it needs; none for check 3 itself. */
  readonly side?: Side;
  readonly run: (context: DoctorContext) => Promise<CheckOutcome>;
}

export const CHECK_NAMES = [
  'stage file',
  'credentials and accounts',
  'stacks and outputs',
  'table',
  'access grant (role trust and permissions, table policy)',
  'function configuration',
  'direct invoke',
  'signed API call',
  'API Gateway logging role',
] as const;

const LATER: readonly LaterCheck[] = [
  { id: 3, name: CHECK_NAMES[2], run: checkStacks },
  { id: 4, name: CHECK_NAMES[3], side: 'target', run: checkTable },
  { id: 5, name: CHECK_NAMES[4], side: 'target', run: checkAccessGrant },
  { id: 6, name: CHECK_NAMES[5], side: 'source', run: checkFunction },
  { id: 7, name: CHECK_NAMES[6], side: 'source', run: checkInvoke },
  { id: 8, name: CHECK_NAMES[7], side: 'source', run: checkApi },
  { id: 9, name: CHECK_NAMES[8], side: 'source', run: checkApiGatewayLogging },
];

/**
 * Runs the nine checks in dependency order. A check whose side has no working credentials, or whose side's stack
 * did not pass check 3, is skipped with the reason; so each team can run doctor for its own side.
 */
export async function runDoctor(input: RunDoctorInput): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  const first = checkStageFile(input.stageName, input.stagesDir);
  checks.push({ id: 1, name: CHECK_NAMES[0], ...first.outcome });
  const stage = first.stage;
  if (stage === undefined) {
    for (const [index, name] of CHECK_NAMES.entries())
      if (index > 0)
        checks.push({ id: index + 1, name, ...skip('skipped (the stage file is not valid: see check 1)') });
    return { stage: input.stageName, ok: false, checks };
  }
  const ms = input.checkTimeoutMs ?? 30_000;
  const accounts = await withDeadline(checkAccounts(stage, input.endpoint, input.preflights), ms, () => ({
    outcome: timedOut(CHECK_NAMES[1], stage.name, ms),
    access: {},
    noAccess: { source: 'credentials check timed out', target: 'credentials check timed out' },
  }));
  checks.push({ id: 2, name: CHECK_NAMES[1], ...accounts.outcome });
  const context: DoctorContext = {
    stage,
    ...(stage.kind === 'local' ? { endpoint: input.endpoint } : {}),
    access: accounts.access,
    noAccess: accounts.noAccess,
    preflights: input.preflights,
    workspaceRoot: input.workspaceRoot,
    outputs: {},
  };
  for (const check of LATER) {
    const reason = skipReason(context, check);
    const outcome = reason !== undefined ? skip(`skipped (${reason})`) : await bounded(check, context, ms);
    checks.push({ id: check.id, name: check.name, ...outcome });
  }
  return { stage: stage.name, kind: stage.kind, ok: checks.every((c) => c.status !== 'fail'), checks };
}

function skipReason(context: DoctorContext, check: LaterCheck): string | undefined {
  const side = check.side;
  if (side === undefined || check.id === 9) {
    if (check.id === 9 && context.stage.kind === 'aws' && context.access.source === undefined)
      return `needs the source account's credentials: ${context.noAccess.source ?? 'none work'}, see check 2`;
    return undefined;
  }
  if (context.access[side] === undefined)
    return `needs the ${side} account's credentials: ${context.noAccess[side] ?? 'none work'}, see check 2`;
  if (context.outputs[side] === undefined) return `the ${side} stack did not pass check 3`;
  return undefined;
}

/** A check that does not settle in time fails (an SDK call can hang on credential resolution). */
async function bounded(check: LaterCheck, context: DoctorContext, ms: number): Promise<CheckOutcome> {
  try {
    return await withDeadline(check.run(context), ms, () => timedOut(check.name, context.stage.name, ms));
  } catch (error) {
    return fail(
      `the ${check.name} check could not run`,
      errorText(error),
      `npm run doctor -- --stage ${context.stage.name}`,
    );
  }
}

function timedOut(name: string, stageName: string, ms: number): CheckOutcome {
  return fail(
    `no answer within ${ms / 1000} s`,
    `the ${name} check did not finish within ${ms / 1000} s`,
    `npm run doctor -- --stage ${stageName}   # again, once the endpoint answers`,
  );
}

/** Settles with `work`, or with `late()` after `ms`. */
async function withDeadline<T>(work: Promise<T>, ms: number, late: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
