/**
 * BASELINE ONLY - the classic cross-account reader, ported faithfully to TypeScript so the bench can measure what
 * the reader (apps/reader) improves on. Do not copy this into production code; every line below is the anti-pattern.
 *
 * What the classic handler does on EVERY request:
 *   1. builds a new STS client and calls AssumeRole (one round trip to STS, a new session each time);
 *   2. builds a new DynamoDB client (a "resource" in boto3 terms) from the temporary keys;
 *   3. runs one Scan without a limit and returns only that first page (up to 1 MB) as a bare JSON array;
 *   4. has no error handling: any failure escapes, so API Gateway answers 502 "Internal server error".
 * The only deviation from the original: it passes the ExternalId and SourceIdentity, because the target's trust
 * policy (rightly) requires them; without them every request would be AccessDenied and there would be nothing to
 * measure. It reads the same environment variables as the reader, so both deploy from the same stage.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- the classic trusts every response field and crashes otherwise; that is the baseline's behaviour */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export async function handler(_event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const env = process.env;
  const sts = new STSClient({});
  const assumed = await sts.send(
    new AssumeRoleCommand({
      RoleArn: env['TARGET_ROLE_ARN'],
      RoleSessionName: 'classic-reader',
      ExternalId: env['EXTERNAL_ID'],
      SourceIdentity: env['SOURCE_IDENTITY'],
    }),
  );
  const credentials = assumed.Credentials!;
  const table = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: env['TARGET_REGION'],
      credentials: {
        accessKeyId: credentials.AccessKeyId!,
        secretAccessKey: credentials.SecretAccessKey!,
        sessionToken: credentials.SessionToken!,
      },
    }),
  );
  const response = await table.send(new ScanCommand({ TableName: env['TABLE_NAME'] }));
  return { statusCode: 200, body: JSON.stringify(response.Items) };
}
