import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { creds, dynamoClient, stsClient } from '../test-support/clients';

describe('a credential scoped to a region AWS does not have', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('STS answers SignatureDoesNotMatch (403) naming the region', async () => {
    const client = stsClient(sandbox.endpoint, creds(sandbox.adminCredentials('111111111111')), 'mars-north-9');
    await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to a valid region, not 'mars-north-9'. ",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('DynamoDB answers InvalidSignatureException (400) instead of an empty table list', async () => {
    const client = dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials('222222222222')), 'mars-north-9');
    await expect(client.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('a real region still works', async () => {
    const client = dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials('222222222222')), 'ap-southeast-2');
    await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
  });
});
