import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DynamoDBDocumentClient, type TranslateConfig } from '@aws-sdk/lib-dynamodb';
import type { MetadataBearer, Pluggable } from '@aws-sdk/types';
import {
  createAssumeRoleCredentials,
  createTargetDocumentClient,
  sessionNameFor,
  type AssumeRoleCredentialProvider,
} from '@xacct/assume-role-client';
import type { ReaderEnv } from '@xacct/config';

export interface TargetClientOptions {
  readonly translateConfig?: TranslateConfig;
  /** Middleware for the STS client (assume-role mode only), e.g. X-Ray subsegments. */
  readonly stsPlugins?: readonly Pluggable<object, MetadataBearer>[];
}

/** The target's document client, and the AssumeRole credentials behind it (absent in resource-policy mode). */
export interface TargetClient {
  readonly client: DynamoDBDocumentClient;
  readonly credentials?: AssumeRoleCredentialProvider;
}

/**
 * The one place that decides how the reader reaches the target (ACCESS_MODE). assume-role: credentials of the access
 * role, cached, bounded and refreshed ahead. resource-policy: the execution role's own credentials from the
 * environment (never the SDK's default chain), zero STS calls; requests name the table by ARN (`env.tableRef`).
 */
export function createTargetClient(env: ReaderEnv, options: TargetClientOptions = {}): TargetClient {
  const { translateConfig } = options;
  if (env.accessMode === 'resource-policy') {
    const client = new DynamoDBClient({
      // Same as the assume-role client: fail fast on a black-holed endpoint; the handler bounds the whole call.
      requestHandler: { connectionTimeout: 2_000 },
      region: env.targetRegion,
      credentials: fromEnv(),
    });
    return { client: DynamoDBDocumentClient.from(client, translateConfig) };
  }
  const credentials = createAssumeRoleCredentials({
    roleArn: env.targetRoleArn,
    externalId: env.externalId,
    sourceIdentity: env.sourceIdentity,
    sessionName: sessionNameFor(env.functionName),
    durationSeconds: env.sessionDurationSeconds,
    region: env.targetRegion,
    ...(options.stsPlugins ? { stsPlugins: options.stsPlugins } : {}),
  });
  // The init phase's AssumeRole overlaps the rest of the cold start; the first request joins it (bounded, never fatal).
  credentials.prefetch();
  return {
    client: createTargetDocumentClient({
      credentials,
      region: env.targetRegion,
      ...(translateConfig ? { translateConfig } : {}),
    }),
    credentials,
  };
}
