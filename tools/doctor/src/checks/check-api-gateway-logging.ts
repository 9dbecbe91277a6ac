import { fail, pass, skip, type CheckOutcome } from '../check-result';
import type { DoctorContext } from '../doctor-context';
import { errorText } from '../error-text';

/**
 * Check 9 (aws stages): API Gateway's account-level CloudWatch Logs role is set in the source account and region,
 * with the same preflight `nx deploy` runs (@xacct/infra).
 */
export async function checkApiGatewayLogging(context: DoctorContext): Promise<CheckOutcome> {
  const { stage } = context;
  if (stage.kind === 'local') return skip('skipped (local stage: the sandbox needs no API Gateway logging role)');
  const check = context.preflights.apiGatewayLoggingRole;
  const { accountId, region, profile } = stage.source;
  try {
    const roleArn = await check({ profile, accountId, region });
    return pass(`API Gateway in ${accountId}/${region} logs through ${roleArn}`);
  } catch (error) {
    // The preflight's message carries the setup commands after its first line.
    const message = error instanceof Error ? error.message : String(error);
    const [cause = '', ...setup] = message.split('\n');
    return fail(
      `API Gateway in ${accountId}/${region} has no usable CloudWatch Logs role`,
      setup.length > 0 ? cause : errorText(error),
      setup.length > 0
        ? setup.map((line) => line.trim()).join('\n')
        : `aws apigateway get-account${profile === undefined ? '' : ` --profile ${profile}`} --region ${region}`,
    );
  }
}
