import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { ConfigError, loadStage, stackName } from '@xacct/config';
import { AdminClient, type AdminCredentials } from '@xacct/sandbox';
import { ReadCliError } from './errors';
import type { ApiTargetArgs } from './parse-read-args';

/** The API to call and how to sign: what `createReaderClient` needs. */
export interface ResolvedApi {
  readonly baseUrl: string;
  readonly region: string;
  /** Undefined: the AWS SDK's default chain. */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

interface SandboxStack {
  stackName: string;
  accountId: string;
  localOutputs: Record<string, string>;
}

const DEFAULT_ENDPOINT = 'http://127.0.0.1:4566';
const EXECUTE_API_HOST = /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/**
 * `--url` (+ `--profile`): that API, signed by the profile or the default chain, in the URL's region. A local
 * `--stage`: the running sandbox's invoke URL of the stage's source stack (`GET /_sandbox/stacks`, localOutputs) and
 * the source account's admin keys (`GET /_sandbox/accounts`), as `npm start` prints them.
 */
export async function resolveApi(target: ApiTargetArgs, stagesDir: string): Promise<ResolvedApi> {
  if (target.url !== undefined) {
    const region =
      target.region ?? EXECUTE_API_HOST.exec(new URL(target.url).hostname)?.[1] ?? process.env['AWS_REGION'];
    if (region === undefined)
      throw new ReadCliError('USAGE', `--region is required: ${target.url} is not an execute-api URL that names one`);
    return {
      baseUrl: target.url,
      region,
      ...(target.profile === undefined ? {} : { credentials: defaultProvider({ profile: target.profile }) }),
    };
  }
  let stage;
  try {
    stage = loadStage(target.stage, { stagesDir });
  } catch (error) {
    if (error instanceof ConfigError) throw new ReadCliError('USAGE', error.message, { cause: error });
    throw error;
  }
  if (stage.kind !== 'local')
    throw new ReadCliError(
      'USAGE',
      `stage ${stage.name} is deployed to AWS: pass --url <the ApiUrl output of ${stackName(stage, 'source')}> [--profile ${stage.source.profile ?? '<profile>'}]`,
    );
  const endpoint = (target.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const admin = new AdminClient(endpoint);
  let stacks: SandboxStack[];
  let accounts: AdminCredentials[];
  try {
    ({ stacks } = await admin.call<{ stacks: SandboxStack[] }>('GET', 'stacks'));
    ({ accounts } = await admin.call<{ accounts: AdminCredentials[] }>('GET', 'accounts'));
  } catch (error) {
    throw new ReadCliError(
      'NO_API',
      `no sandbox answers at ${endpoint} (${(error as Error).message}): start it with npm start, or pass --endpoint http://127.0.0.1:<port>`,
      { cause: error },
    );
  }
  const source = stackName(stage, 'source');
  const apiUrl = stacks.find((s) => s.stackName === source && s.accountId === stage.source.accountId)?.localOutputs[
    'ApiUrl'
  ];
  const keys = accounts.find((a) => a.accountId === stage.source.accountId);
  if (apiUrl === undefined || keys === undefined)
    throw new ReadCliError(
      'NO_API',
      `the sandbox at ${endpoint} has no ${source} stack with an ApiUrl: deploy it with npm start -- --stage ${stage.name} (or npx nx deploy source-infra --stage ${stage.name})`,
    );
  return {
    baseUrl: apiUrl,
    region: target.region ?? stage.source.region,
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
  };
}
