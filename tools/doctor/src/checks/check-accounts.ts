import { fromIni } from '@aws-sdk/credential-provider-ini';
import type { Stage } from '@xacct/config';
import { InfraError } from '@xacct/infra';
import { AdminClient, type AdminCredentials } from '@xacct/sandbox';
import { fail, pass, type CheckOutcome } from '../check-result';
import { sideClientConfig, type Preflights, type Side, type SideAccess } from '../doctor-context';
import { errorText } from '../error-text';

export interface AccountsResult {
  readonly outcome: CheckOutcome;
  readonly access: Partial<Record<Side, SideAccess>>;
  readonly noAccess: Partial<Record<Side, string>>;
}

const SIDES: readonly Side[] = ['source', 'target'];

/**
 * Check 2: which sides doctor can reach, and as whom. Local stages use the sandbox's admin keys of each account
 * (GET /_sandbox/accounts); aws stages the stage's profiles, each checked to resolve to the stage's account. A side
 * whose credentials do not work is left out (its checks are skipped); a profile in the wrong account is a failure.
 */
export async function checkAccounts(stage: Stage, endpoint: string, preflights: Preflights): Promise<AccountsResult> {
  return stage.kind === 'local' ? sandboxAccounts(stage, endpoint) : profileAccounts(stage, preflights);
}

async function sandboxAccounts(stage: Stage, endpoint: string): Promise<AccountsResult> {
  let accounts: AdminCredentials[];
  try {
    ({ accounts } = await new AdminClient(endpoint).call<{ accounts: AdminCredentials[] }>('GET', 'accounts'));
    if (!Array.isArray(accounts))
      throw new Error(`${endpoint}/_sandbox/accounts did not list accounts: is it a sandbox?`);
  } catch (error) {
    const why = errorText(error);
    return {
      outcome: fail(
        `the sandbox at ${endpoint} is not reachable`,
        why,
        `npm start   # or, for a sandbox on another port: npm run doctor -- --stage ${stage.name} --endpoint http://127.0.0.1:<port>`,
      ),
      access: {},
      noAccess: { source: `no sandbox at ${endpoint}`, target: `no sandbox at ${endpoint}` },
    };
  }
  const access: Partial<Record<Side, SideAccess>> = {};
  const noAccess: Partial<Record<Side, string>> = {};
  for (const side of SIDES) {
    const { accountId, region } = stage[side];
    const keys = accounts.find((a) => a.accountId === accountId);
    if (keys === undefined) noAccess[side] = `the sandbox at ${endpoint} has no account ${accountId}`;
    else
      access[side] = {
        accountId,
        region,
        clientConfig: sideClientConfig(
          region,
          { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
          endpoint,
        ),
      };
  }
  if (access.source === undefined || access.target === undefined) {
    const missing = SIDES.filter((side) => access[side] === undefined);
    return {
      outcome: fail(
        `the sandbox lacks the ${missing.join(' and ')} account`,
        missing.map((side) => noAccess[side]).join('; '),
        `npx nx deploy source-infra --stage ${stage.name}   # deploys both sides, creating their accounts`,
      ),
      access,
      noAccess,
    };
  }
  return {
    outcome: pass(`sandbox ${endpoint}: admin keys of ${stage.source.accountId} and ${stage.target.accountId}`),
    access,
    noAccess,
  };
}

async function profileAccounts(stage: Stage, preflights: Preflights): Promise<AccountsResult> {
  const access: Partial<Record<Side, SideAccess>> = {};
  const noAccess: Partial<Record<Side, string>> = {};
  for (const side of SIDES) {
    const { accountId, region, profile } = stage[side];
    access[side] = {
      accountId,
      region,
      clientConfig: sideClientConfig(region, profile === undefined ? undefined : fromIni({ profile })),
    };
  }
  const check = preflights.profileAccount;
  const wrong: Side[] = [];
  const unreachable: Side[] = [];
  const messages: Partial<Record<Side, string>> = {};
  const lines: string[] = [];
  for (const side of SIDES) {
    const { accountId, region, profile } = stage[side];
    try {
      const identity = await check({ profile, accountId, region, label: `${side} side of stage ${stage.name}` });
      lines.push(`${side} ${identity.arn}`);
    } catch (error) {
      delete access[side];
      messages[side] = errorText(error);
      noAccess[side] =
        `${profile === undefined ? 'the default credentials' : `profile ${profile}`} cannot be used for ${accountId}`;
      // A profile in another account is a misconfiguration, not just missing credentials.
      if (error instanceof InfraError && error.code === 'PROFILE_WRONG_ACCOUNT') wrong.push(side);
      // STS could not be asked at all (network, proxy, timeout): new credentials would not help.
      if (error instanceof InfraError && error.code === 'PREFLIGHT_FAILED') unreachable.push(side);
    }
  }
  const usable = SIDES.filter((side) => access[side] !== undefined);
  if (wrong.length > 0 || usable.length === 0) {
    const bad = wrong.length > 0 ? wrong : SIDES;
    const first: Side = bad[0] ?? 'source';
    const profile = stage[first].profile;
    return {
      outcome: fail(
        wrong.length > 0
          ? `${wrong.join(' and ')} credentials resolve to another account`
          : 'no profile of the stage has usable credentials',
        bad.map((side) => messages[side]).join('\n'),
        wrong.length > 0
          ? `aws sts get-caller-identity${profile === undefined ? '' : ` --profile ${profile}`}   # must show ${stage[first].accountId}; point the profile at that account, or fix ${first}.accountId in config/stages/${stage.name}.json`
          : unreachable.length === bad.length
            ? `aws sts get-caller-identity${profile === undefined ? '' : ` --profile ${profile}`} --region ${stage[first].region}   # STS did not answer: check the network, proxy or STS VPC endpoint, then run doctor again`
            : `aws configure sso${profile === undefined ? '' : ` --profile ${profile}`}   # or aws sso login; then aws sts get-caller-identity must show ${stage[first].accountId}`,
      ),
      access,
      noAccess,
    };
  }
  const only =
    usable.length === 1
      ? ` (only the ${usable[0]} side: ${SIDES.filter((s) => !usable.includes(s))
          .map((s) => noAccess[s])
          .join('')})`
      : '';
  return { outcome: pass(`${lines.join(', ')}${only}`), access, noAccess };
}
