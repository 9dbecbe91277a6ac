import { STSClient } from '@aws-sdk/client-sts';
import { signedFetch } from '@xacct/sandbox';
import { fail, pass, type CheckOutcome } from '../check-result';
import type { DoctorContext } from '../doctor-context';
import { errorText } from '../error-text';
import { functionNameOf } from '../function-name-of';
import { readerErrorCode, readerErrorFix } from '../reader-error-fix';

const API_URL = /^https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/([^/]+)\/$/;

/**
 * Check 8: a SigV4-signed `GET /items?limit=1` through the API answers 200, signed with the source side's
 * credentials. For local stages the API URL is the sandbox's invoke URL of the same API id and stage.
 */
export async function checkApi(context: DoctorContext): Promise<CheckOutcome> {
  const access = context.access.source;
  const apiUrl = context.outputs.source?.['ApiUrl'];
  if (access === undefined || apiUrl === undefined) throw new Error('checkApi needs source access and the ApiUrl');
  const parsed = API_URL.exec(apiUrl);
  const base =
    context.stage.kind === 'local' && parsed !== null
      ? `${context.endpoint}/restapis/${parsed[1]}/${parsed[2]}/_user_request_/`
      : apiUrl;
  const url = `${base}items?limit=1`;
  // The clients' credential provider (profile, default chain or sandbox keys), resolved once for signing.
  const sts = new STSClient(access.clientConfig);
  try {
    const credentials = await sts.config.credentials();
    const response = await signedFetch(url, { credentials, region: access.region });
    if (response.status === 200) return pass(`signed GET ${url} answered 200`);
    const gatewayError = response.headers.get('x-amzn-errortype')?.split(':')[0];
    const code = readerErrorCode(response.text) ?? gatewayError;
    const cause = `${url} answered ${response.status}${code === undefined ? '' : ` ${code}`}: ${response.text.slice(0, 300)}`;
    if (response.status === 403)
      return fail(
        `the API refused the signed request (403)`,
        cause,
        `grant execute-api:Invoke on arn:aws:execute-api:${access.region}:${access.accountId}:${parsed?.[1] ?? '<api id>'}/*/GET/items to the principal of the source credentials (aws sts get-caller-identity shows it)`,
      );
    return fail(
      `GET /items?limit=1 through the API answered ${response.status}`,
      cause,
      readerErrorFix(context, code, functionNameOf(context)),
    );
  } catch (error) {
    return fail(
      `cannot call the API`,
      `${url}: ${errorText(error)}`,
      `curl -sS -o /dev/null -w '%{http_code}' ${url}   # is it reachable from here?`,
    );
  } finally {
    sts.destroy();
  }
}
