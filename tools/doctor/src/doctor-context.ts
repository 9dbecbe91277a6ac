import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Stage } from '@xacct/config';

export type Side = 'source' | 'target';

/** Settings every AWS SDK client of one side gets: region, credentials, the sandbox endpoint, bounded timeouts. */
export interface SideClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  /** Undefined: the SDK's default chain (an aws stage without a profile). */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly maxAttempts: number;
  readonly requestHandler: {
    readonly connectionTimeout: number;
    readonly requestTimeout: number;
    readonly throwOnRequestTimeout: true;
  };
}

/** One account doctor can talk to: the stage's account and region, and how to call it. */
export interface SideAccess {
  readonly accountId: string;
  readonly region: string;
  readonly clientConfig: SideClientConfig;
}

/** The checks 2 and 9 of `nx deploy`'s preflight (`@xacct/infra`), injected so tests can replace them. */
export interface Preflights {
  profileAccount(input: {
    profile: string | undefined;
    accountId: string;
    region: string;
    label: string;
  }): Promise<{ account: string; arn: string }>;
  apiGatewayLoggingRole(input: { profile: string | undefined; accountId: string; region: string }): Promise<string>;
}

/** What the checks share: the stage, how to reach each side, and what earlier checks found. */
export interface DoctorContext {
  readonly stage: Stage;
  /** For fixes: `--stage <name>`, and `--endpoint-url <url>` in AWS CLI commands for local stages. */
  readonly endpoint?: string;
  readonly access: Partial<Record<Side, SideAccess>>;
  /** Why a side has no working credentials (found by check 2); its checks are skipped with this reason. */
  readonly noAccess: Partial<Record<Side, string>>;
  readonly preflights: Preflights;
  /** The workspace root, for the synthesized assemblies (dist/apps/<app>/cdk.out). */
  readonly workspaceRoot: string;
  /** Stack outputs of each side whose stack passed check 3. */
  readonly outputs: Partial<Record<Side, Record<string, string>>>;
}

/** Bounded client settings: a hung endpoint fails the check instead of hanging doctor. */
export function sideClientConfig(
  region: string,
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  endpoint?: string,
): SideClientConfig {
  return {
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
  };
}

/** `--stage <name>` plus, for fixes that run the AWS CLI, the profile or the sandbox endpoint. */
/**
 * `npx nx deploy <app> --stage <stage>` (or `destroy`): for a local stage checked on a sandbox other than the
 * default one, with `SANDBOX_ENDPOINT` so the command reaches that sandbox and not whatever answers on port 4566.
 */
export function nxDeploy(
  context: DoctorContext,
  app: 'target-infra' | 'source-infra',
  verb: 'deploy' | 'destroy' = 'deploy',
): string {
  const elsewhere =
    context.stage.kind === 'local' && context.endpoint !== undefined && context.endpoint !== 'http://127.0.0.1:4566';
  return `${elsewhere ? `SANDBOX_ENDPOINT=${context.endpoint} ` : ''}npx nx ${verb} ${app} --stage ${context.stage.name}`;
}

export function awsCliTail(context: DoctorContext, side: Side): string {
  const profile = context.stage[side].profile;
  if (context.stage.kind === 'local') return ` --endpoint-url ${context.endpoint ?? 'http://127.0.0.1:4566'}`;
  return `${profile === undefined ? '' : ` --profile ${profile}`} --region ${context.stage[side].region}`;
}
