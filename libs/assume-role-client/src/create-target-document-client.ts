import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TranslateConfig } from '@aws-sdk/lib-dynamodb';
import type { AssumeRoleCredentialProvider } from './create-assume-role-credentials';
import { refreshOnExpiredCredentials } from './refresh-on-expired-credentials';

export interface TargetDocumentClientOptions {
  /** The target account's credentials; see `createAssumeRoleCredentials`. */
  readonly credentials: AssumeRoleCredentialProvider;
  /** The table's region. The endpoint follows AWS_ENDPOINT_URL_DYNAMODB when set. */
  readonly region: string;
  /** Further client settings (retries, request handler). `credentials` and `region` come from above. */
  readonly clientConfig?: Omit<DynamoDBClientConfig, 'credentials' | 'region'>;
  /** Marshalling options of the document client. */
  readonly translateConfig?: TranslateConfig;
}

/**
 * A DynamoDB document client for the target account. Create it once per container (module scope) and reuse
 * it: the credentials are cached, and a rejection of expired credentials triggers one refresh and one retry.
 */
export function createTargetDocumentClient(options: TargetDocumentClientOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    // Fail fast on a black-holed endpoint; callers bound the whole call with an AbortSignal.
    requestHandler: { connectionTimeout: 2_000 },
    ...options.clientConfig,
    region: options.region,
    credentials: options.credentials,
  });
  client.middlewareStack.use(refreshOnExpiredCredentials(options.credentials));
  return DynamoDBDocumentClient.from(client, options.translateConfig);
}
