import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DynamoDBDocumentClient, type TranslateConfig } from '@aws-sdk/lib-dynamodb';
import {
  createAssumeRoleCredentials,
  createTargetDocumentClient,
  sessionNameFor,
  type AssumeRoleStats,
} from '@xacct/assume-role-client';
import type { ReaderEnv } from '@xacct/config';

/** The target's document client and the credential stats the handler logs per request. */
export interface TargetClient {
  readonly client: DynamoDBDocumentClient;
  readonly credentialStats: () => AssumeRoleStats;
}

/** The resource-policy mode never calls STS. */
const NO_STS: AssumeRoleStats = Object.freeze({ assumeRoleCalls: 0, cacheHits: 0, lastFromCache: false });

/**
 * The one place that decides how the reader reaches the target (ACCESS_MODE). assume-role: credentials of the access
 * role, cached and refreshed. resource-policy: the execution role's own credentials from the environment (never the
 * SDK's default chain), zero STS calls; requests name the table by ARN (`env.tableRef`).
 */
export function createTargetClient(env: ReaderEnv, translateConfig?: TranslateConfig): TargetClient {
  if (env.accessMode === 'resource-policy') {
    const client = new DynamoDBClient({
      // Same as the assume-role client: fail fast on a black-holed endpoint; the handler bounds the whole call.
      requestHandler: { connectionTimeout: 2_000 },
      region: env.targetRegion,
      credentials: fromEnv(),
    });
    return { client: DynamoDBDocumentClient.from(client, translateConfig), credentialStats: () => NO_STS };
  }
  const credentials = createAssumeRoleCredentials({
    roleArn: env.targetRoleArn,
    externalId: env.externalId,
    sourceIdentity: env.sourceIdentity,
    sessionName: sessionNameFor(env.functionName),
    durationSeconds: env.sessionDurationSeconds,
    region: env.targetRegion,
  });
  return {
    client: createTargetDocumentClient({
      credentials,
      region: env.targetRegion,
      ...(translateConfig ? { translateConfig } : {}),
    }),
    credentialStats: () => credentials.stats,
  };
}
