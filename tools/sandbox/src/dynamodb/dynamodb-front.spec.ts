import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { creds, dynamoClient } from '../test-support/clients';
import { signedFetch } from '@xacct/reader-client';

const A = '111111111111';
const B = '222222222222';

describe('DynamoDB front', () => {
  let sandbox: Sandbox;
  const admin = (account: string) => dynamoClient(sandbox.endpoint, creds(sandbox.adminCredentials(account)));

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    for (const account of [A, B]) {
      await admin(account).send(
        new CreateTableCommand({
          TableName: 'devices',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'kind', AttributeType: 'S' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'byKind',
              KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await admin(account).send(
        new PutItemCommand({ TableName: 'devices', Item: { id: { S: 'x' }, kind: { S: 'k' }, owner: { S: account } } }),
      );
    }
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('keeps equal table names of two accounts apart', async () => {
    // Act
    const inA = await admin(A).send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'x' } } }));
    const inB = await admin(B).send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'x' } } }));
    // Assert
    expect(inA.Item?.owner?.S).toBe(A);
    expect(inB.Item?.owner?.S).toBe(B);
  });

  it('answers DescribeTable and ListTables in the caller account’s names and ARNs', async () => {
    // Act
    const described = await admin(B).send(new DescribeTableCommand({ TableName: 'devices' }));
    const listed = await admin(B).send(new ListTablesCommand({}));
    // Assert
    expect(described.Table?.TableName).toBe('devices');
    expect(described.Table?.TableArn).toBe(`arn:aws:dynamodb:us-east-1:${B}:table/devices`);
    expect(described.Table?.GlobalSecondaryIndexes?.[0]?.IndexArn).toBe(
      `arn:aws:dynamodb:us-east-1:${B}:table/devices/index/byKind`,
    );
    expect(listed.TableNames).toEqual(['devices']);
  });

  it('accepts a table ARN of the caller’s account as TableName', async () => {
    // Act
    const result = await admin(B).send(
      new GetItemCommand({ TableName: `arn:aws:dynamodb:us-east-1:${B}:table/devices`, Key: { id: { S: 'x' } } }),
    );
    // Assert
    expect(result.Item?.owner?.S).toBe(B);
  });

  it('denies a table of another account addressed by ARN (no resource policy on it)', async () => {
    // Act
    const error = await admin(A)
      .send(new GetItemCommand({ TableName: `arn:aws:dynamodb:us-east-1:${B}:table/devices`, Key: { id: { S: 'x' } } }))
      .catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('maps BatchWriteItem and BatchGetItem table keys both ways', async () => {
    // Act
    await admin(A).send(
      new BatchWriteItemCommand({
        RequestItems: { devices: [{ PutRequest: { Item: { id: { S: 'b1' }, kind: { S: 'k' } } } }] },
      }),
    );
    const got = await admin(A).send(
      new BatchGetItemCommand({ RequestItems: { devices: { Keys: [{ id: { S: 'b1' } }] } } }),
    );
    // Assert
    expect(Object.keys(got.Responses ?? {})).toEqual(['devices']);
    expect(got.Responses?.devices?.[0]?.id?.S).toBe('b1');
  });

  it('rewrites physical names out of error messages', async () => {
    // Act
    const error = await admin(A)
      .send(new GetItemCommand({ TableName: 'missing', Key: { id: { S: 'x' } } }))
      .catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((error as Error).message).not.toContain(A);
  });

  describe('with a role allowed GetItem on the table and Query on its indexes only', () => {
    let client: ReturnType<typeof dynamoClient>;
    beforeAll(() => {
      const role = sandbox.context.iam.putRole({
        accountId: A,
        roleName: 'narrow',
        trustPolicy: { Version: '2012-10-17', Statement: [] },
        inlinePolicies: [
          {
            name: 'p',
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'dynamodb:GetItem',
                  Resource: `arn:aws:dynamodb:us-east-1:${A}:table/devices`,
                },
                {
                  Effect: 'Allow',
                  Action: 'dynamodb:Query',
                  Resource: `arn:aws:dynamodb:us-east-1:${A}:table/devices/index/*`,
                },
                {
                  Effect: 'Deny',
                  Action: 'dynamodb:GetItem',
                  Resource: `arn:aws:dynamodb:us-east-1:${A}:table/secret`,
                },
              ],
            },
          },
        ],
      });
      client = dynamoClient(sandbox.endpoint, creds(sandbox.context.iam.issueSession(role, 's', 900)));
    });

    it('allows exactly what the policy allows', async () => {
      // Act
      const item = await client.send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'x' } } }));
      const byIndex = await client.send(
        new QueryCommand({
          TableName: 'devices',
          IndexName: 'byKind',
          KeyConditionExpression: 'kind = :k',
          ExpressionAttributeValues: { ':k': { S: 'k' } },
        }),
      );
      // Assert
      expect(item.Item?.owner?.S).toBe(A);
      expect(byIndex.Count).toBeGreaterThan(0);
    });

    it('denies a Query on the table itself with the index-free resource in the message', async () => {
      // Act
      const error = await client
        .send(
          new QueryCommand({
            TableName: 'devices',
            KeyConditionExpression: 'id = :i',
            ExpressionAttributeValues: { ':i': { S: 'x' } },
          }),
        )
        .catch((e: unknown) => e);
      // Assert
      expect(error).toMatchObject({
        name: 'AccessDeniedException',
        message: `User: arn:aws:sts::${A}:assumed-role/narrow/s is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:${A}:table/devices because no identity-based policy allows the dynamodb:Query action`,
      });
    });

    it('words an explicit deny as AWS does', async () => {
      // Act
      const error = await client
        .send(new GetItemCommand({ TableName: 'secret', Key: { id: { S: 'x' } } }))
        .catch((e: unknown) => e);
      // Assert
      expect((error as Error).message).toMatch(/with an explicit deny in an identity-based policy$/);
    });

    it('counts calls per action, denied ones included', async () => {
      // Arrange
      sandbox.resetCounters();
      // Act
      await client.send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'x' } } }));
      await client.send(new PutItemCommand({ TableName: 'devices', Item: { id: { S: 'y' } } })).catch(() => undefined);
      // Assert
      expect(sandbox.counters()).toEqual({ dynamodb: { GetItem: 1, PutItem: 1 } });
    });

    it('counts unauthenticated requests with made-up actions under one key', async () => {
      // Arrange
      sandbox.resetCounters();
      // Act
      for (const target of ['DynamoDB_20120810.Garbage1', 'DynamoDB_20120810.Garbage2', 'DynamoDB_20120810.Scan']) {
        await fetch(sandbox.endpoint, {
          method: 'POST',
          headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' },
          body: '{}',
        });
      }
      // Assert
      expect(sandbox.counters()).toEqual({ dynamodb: { '(unknown)': 2, Scan: 1 } });
    });
  });

  it('passes aws:RequestedRegion (the signed region) to policy conditions', async () => {
    // Arrange
    const role = sandbox.context.iam.putRole({
      accountId: A,
      roleName: 'eu-only',
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      inlinePolicies: [
        {
          name: 'p',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'dynamodb:GetItem',
                Resource: '*',
                Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
              },
            ],
          },
        },
      ],
    });
    const session = creds(sandbox.context.iam.issueSession(role, 's', 900));
    // Act
    const fromUs = await dynamoClient(sandbox.endpoint, session, 'us-east-1')
      .send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'x' } } }))
      .catch((e: unknown) => e);
    const fromEu = await dynamoClient(sandbox.endpoint, session, 'eu-west-1')
      .send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'x' } } }))
      .catch((e: unknown) => e);
    // Assert
    expect(fromUs).toMatchObject({ name: 'AccessDeniedException' });
    expect(fromEu).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('fills dynamodb:LeadingKeys from the partition key values a request touches', async () => {
    // Arrange
    const role = sandbox.context.iam.putRole({
      accountId: A,
      roleName: 'own-items',
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      inlinePolicies: [
        {
          name: 'p',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:Scan'],
                Resource: `arn:aws:dynamodb:us-east-1:${A}:table/devices`,
                Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['x'] } },
              },
            ],
          },
        },
      ],
    });
    const client = dynamoClient(sandbox.endpoint, creds(sandbox.context.iam.issueSession(role, 's', 900)));
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => 'allowed',
        (e: { name: string }) => e.name,
      );
    // Act
    const results = {
      own: await outcome(client.send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'x' } } }))),
      other: await outcome(client.send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'y' } } }))),
      query: await outcome(
        client.send(
          new QueryCommand({
            TableName: 'devices',
            KeyConditionExpression: '#k = :v',
            ExpressionAttributeNames: { '#k': 'id' },
            ExpressionAttributeValues: { ':v': { S: 'y' } },
          }),
        ),
      ),
      batch: await outcome(
        client.send(
          new BatchGetItemCommand({ RequestItems: { devices: { Keys: [{ id: { S: 'x' } }, { id: { S: 'y' } }] } } }),
        ),
      ),
      // As in AWS: a Scan has no leading key, so a ForAllValues condition matches vacuously.
      scan: await outcome(client.send(new ScanCommand({ TableName: 'devices' }))),
    };
    // Assert
    expect(results).toEqual({
      own: 'allowed',
      other: 'AccessDeniedException',
      query: 'AccessDeniedException',
      batch: 'AccessDeniedException',
      scan: 'allowed',
    });
  });

  it('answers TransactWriteItems clearly as not emulated', async () => {
    // Act
    const error = await admin(A)
      .send(
        new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'devices', Item: { id: { S: 't' } } } }] }),
      )
      .catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({
      name: 'UnknownOperationException',
      message: 'The sandbox (dynalite) does not implement TransactWriteItems.',
    });
  });

  describe('malformed requests', () => {
    const post = (headers: Record<string, string>, body: string | Buffer) =>
      fetch(sandbox.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', ...headers },
        body,
      });

    it('an unsigned request is MissingAuthenticationTokenException', async () => {
      // Act
      const response = await post({ 'x-amz-target': 'DynamoDB_20120810.Scan' }, '{}');
      // Assert
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      });
    });

    it('a body over 16 MB is refused with 413 and the server keeps serving', async () => {
      // Act
      const response = await post(
        { 'x-amz-target': 'DynamoDB_20120810.PutItem' },
        Buffer.alloc(16 * 1024 * 1024 + 1, 0x20),
      );
      const after = await admin(A).send(new GetItemCommand({ TableName: 'devices', Key: { id: { S: 'x' } } }));
      // Assert
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ __type: 'com.amazon.coral.service#RequestEntityTooLarge' });
      expect(after.Item).toBeDefined();
    });

    it('an unknown path is a 404 naming what the sandbox serves', async () => {
      // Act
      const response = await fetch(`${sandbox.endpoint}/nothing-here`);
      // Assert
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toContain('X-Amz-Target');
    });
  });
});

describe('DynamoDB front, signed but malformed requests', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  const send = (target: string, body: string) =>
    signedFetch(sandbox.endpoint, {
      credentials: sandbox.adminCredentials(A),
      service: 'dynamodb',
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
      body,
    });

  it('a body that is not JSON is SerializationException', async () => {
    // Act
    const response = await send('DynamoDB_20120810.Scan', '{not json');
    // Assert
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ __type: 'com.amazon.coral.service#SerializationException' });
  });

  it('an unknown operation is UnknownOperationException', async () => {
    // Act
    const response = await send('DynamoDB_20120810.DropEverything', '{}');
    // Assert
    expect(response.json).toMatchObject({ __type: 'com.amazon.coral.service#UnknownOperationException' });
  });

  it('a value dynalite cannot handle (null attribute value) is a 400 and the server keeps serving', async () => {
    // Arrange
    await send(
      'DynamoDB_20120810.CreateTable',
      JSON.stringify({
        TableName: 'nulls',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // Act
    const response = await send(
      'DynamoDB_20120810.UpdateItem',
      JSON.stringify({
        TableName: 'nulls',
        Key: { id: { S: 'a' } },
        UpdateExpression: 'SET #a = :v',
        ExpressionAttributeNames: { '#a': 'a' },
        ExpressionAttributeValues: { ':v': null },
      }),
    );
    const after = await send('DynamoDB_20120810.DescribeTable', JSON.stringify({ TableName: 'nulls' }));
    // Assert
    expect({ status: response.status, body: response.text }).toMatchObject({
      status: 400,
      body: expect.stringContaining('SerializationException'),
    });
    expect(after.status).toBe(200);
  });

  it('a missing TableName is a ValidationException', async () => {
    // Act
    const response = await send('DynamoDB_20120810.GetItem', '{"Key":{}}');
    // Assert
    expect(response.json).toMatchObject({ __type: 'com.amazon.coral.validate#ValidationException' });
  });
});
