import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { parseReaderEnv } from '@xacct/config';

// Placeholder handler: replaced by the reader issue.
const env = parseReaderEnv();

export async function handler(_event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return { statusCode: 501, body: JSON.stringify({ error: { code: 'NotImplemented', message: env.tableName } }) };
}
