import { APIGatewayClient, GetAccountCommand } from '@aws-sdk/client-api-gateway';
import { partitionOfRegion } from '@xacct/config';
import { InfraError } from './errors';
import { PREFLIGHT_TIMEOUT_MS, preflightClientConfig } from './preflight-client-config';
import { withTimeout } from './with-timeout';

export interface CheckApiGatewayLoggingRoleInput {
  /** The source side's profile; undefined means the default credential chain. */
  readonly profile: string | undefined;
  readonly accountId: string;
  readonly region: string;
  /** @default an APIGatewayClient for `profile` in `region` */
  readonly client?: APIGatewayClient;
  /** @default PREFLIGHT_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

/** The commands that give API Gateway its account-level CloudWatch Logs role, in this account and region. */
export function apiGatewayLoggingRoleSetup(accountId: string, region: string, profile: string | undefined): string {
  const as = profile ? ` --profile ${profile}` : '';
  const roleArn = `arn:${partitionOfRegion(region)}:iam::${accountId}:role/apigateway-cloudwatch-logs`;
  const trust =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
  return [
    `  aws iam create-role --role-name apigateway-cloudwatch-logs --assume-role-policy-document '${trust}'${as}`,
    `  aws iam attach-role-policy --role-name apigateway-cloudwatch-logs --policy-arn arn:${partitionOfRegion(region)}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs${as}`,
    `  aws apigateway update-account --patch-operations op=replace,path=/cloudWatchRoleArn,value=${roleArn} --region ${region}${as}`,
    'A new role takes a few seconds to reach API Gateway (IAM is eventually consistent): if update-account answers "The role ARN does not have required permissions set to API Gateway", wait 10 seconds and run it again.',
  ].join('\n');
}

/**
 * API Gateway writes execution and access logs through one CloudWatch Logs role per account and region
 * (GetAccount, `apigateway:GET` on `arn:<partition>:apigateway:<region>::/account`). Without it the source stack
 * fails mid-deploy and rolls back; this says so before CDK runs. Shared with the operator tools.
 */
export async function checkApiGatewayLoggingRole(input: CheckApiGatewayLoggingRoleInput): Promise<string> {
  const { profile, accountId, region } = input;
  const client = input.client ?? new APIGatewayClient(preflightClientConfig(region, profile));
  let roleArn: string | undefined;
  try {
    const account = await withTimeout(
      client.send(new GetAccountCommand({})),
      input.timeoutMs ?? PREFLIGHT_TIMEOUT_MS,
      'API Gateway GetAccount',
    );
    roleArn = account.cloudwatchRoleArn;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    const reason = (e.message ?? String(error)).split('\n')[0];
    const denied = e.name === 'AccessDeniedException' || e.name === 'AccessDenied';
    throw new InfraError(
      'PREFLIGHT_FAILED',
      denied
        ? `could not read API Gateway's account settings in ${accountId}/${region}: the deploying principal needs apigateway:GET on arn:${partitionOfRegion(region)}:apigateway:${region}::/account (${reason})`
        : `could not read API Gateway's account settings in ${accountId}/${region} (${e.name ?? 'Error'}: ${reason})`,
      { cause: error },
    );
  } finally {
    if (!input.client) client.destroy();
  }
  if (!roleArn) {
    throw new InfraError(
      'APIGATEWAY_LOGGING_ROLE_MISSING',
      `API Gateway in account ${accountId} (${region}) has no CloudWatch Logs role, so the source stack's API logging would fail the deploy ("CloudWatch Logs role ARN must be set in account settings to enable logging"). Set it once per account and region:\n${apiGatewayLoggingRoleSetup(accountId, region, profile)}`,
    );
  }
  return roleArn;
}
