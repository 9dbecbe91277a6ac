import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';

/** A real STS client aimed at the sandbox. */
export function stsClient(endpoint: string, credentials: AwsCredentialIdentity, region = 'us-east-1'): STSClient {
  return new STSClient({ endpoint, region, credentials, maxAttempts: 1 });
}

/** A real DynamoDB client aimed at the sandbox. */
export function dynamoClient(
  endpoint: string,
  credentials: AwsCredentialIdentity,
  region = 'us-east-1',
): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials, maxAttempts: 1 });
}

/** SDK credentials from sandbox keys. */
export function creds(keys: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}): AwsCredentialIdentity {
  return {
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.secretAccessKey,
    ...(keys.sessionToken === undefined ? {} : { sessionToken: keys.sessionToken }),
  };
}
