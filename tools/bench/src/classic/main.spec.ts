import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from './main';

const sts = mockClient(STSClient);
const dynamo = mockClient(DynamoDBDocumentClient);
const event = {
  httpMethod: 'GET',
  path: '/items',
  queryStringParameters: { limit: '1' },
} as unknown as APIGatewayProxyEvent;

beforeEach(() => {
  vi.stubEnv('TARGET_ROLE_ARN', 'arn:aws:iam::222222222222:role/xacct-devices-access');
  vi.stubEnv('EXTERNAL_ID', 'ext');
  vi.stubEnv('SOURCE_IDENTITY', 'xacct-devices-reader');
  vi.stubEnv('TABLE_NAME', 'xacct-devices');
  vi.stubEnv('TARGET_REGION', 'us-east-1');
  sts.reset();
  dynamo.reset();
  sts.on(AssumeRoleCommand).resolves({
    Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date() },
  });
  dynamo
    .on(ScanCommand)
    .resolves({ Items: [{ deviceId: 'd0001' }, { deviceId: 'd0002' }], LastEvaluatedKey: { deviceId: 'd0002' } });
});
afterEach(() => vi.unstubAllEnvs());

describe('classic baseline handler', () => {
  it('assumes the role and scans on every request, ignoring limit and dropping the rest of the table', async () => {
    // Act
    const responses = [await handler(event), await handler(event), await handler(event)];
    // Assert
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(3);
    expect(dynamo.commandCalls(ScanCommand)).toHaveLength(3);
    expect(dynamo.commandCalls(ScanCommand)[0]!.args[0].input).toEqual({ TableName: 'xacct-devices' });
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toMatchObject({
      RoleArn: 'arn:aws:iam::222222222222:role/xacct-devices-access',
      ExternalId: 'ext',
      SourceIdentity: 'xacct-devices-reader',
    });
    expect(responses[0]).toEqual({ statusCode: 200, body: '[{"deviceId":"d0001"},{"deviceId":"d0002"}]' });
  });

  it('lets any failure escape (API Gateway then answers 502 Internal server error)', async () => {
    // Arrange
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    // Act / Assert
    await expect(handler(event)).rejects.toThrowError('not authorized');
    expect(dynamo.commandCalls(ScanCommand)).toHaveLength(0);
  });
});
