import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient, DynamoDBServiceException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, NumberValue, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { AssumeRoleDeniedError, AssumeRoleUnavailableError } from '@xacct/assume-role-client';
import type { ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiEvent } from '../test-support/api-event';
import { lambdaContext } from '../test-support/lambda-context';
import { readerEnvs } from '../test-support/reader-envs';
import { recordingLogger } from '../test-support/recording-logger';
import { recordingMetrics } from '../test-support/recording-metrics';
import { createHandler } from './create-handler';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'unused' } }),
);
const dynamo = mockClient(client);

function setup(env: ReaderEnv = readerEnvs.devices) {
  const logger = recordingLogger();
  const metrics = recordingMetrics();
  const handler = createHandler({ env, client, logger, metrics });
  return { handler, logger, metrics };
}

async function invoke(event: APIGatewayProxyEvent, env?: ReaderEnv) {
  const { handler, logger, metrics } = setup(env);
  const response = await handler(event, lambdaContext());
  return { response, body: JSON.parse(response.body) as ResponseBody, logger, metrics };
}

/** Loosely typed: each test asserts the exact shape it expects. */
interface ResponseBody {
  error: { code: string; message: string; requestId: string };
  nextToken: string;
  [key: string]: unknown;
}

/** base64url of any JSON: for tokens that are not even the API's envelope. */
function raw(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token as the API writes it: the scope (route, index, segment) and the LastEvaluatedKey. */
function token(key: unknown, scope = '/items'): string {
  return raw({ scope, key });
}

/** A token whose key is written as this JSON text (to keep number spellings like `1e20`). */
function tokenOfJson(json: string, scope = '/items'): string {
  return Buffer.from(`{"scope":${JSON.stringify(scope)},"key":${json}}`).toString('base64url');
}

function serviceError(name: string, fault: 'client' | 'server' = 'client'): DynamoDBServiceException {
  return new DynamoDBServiceException({ name, $fault: fault, $metadata: {}, message: `${name} happened` });
}

describe('createHandler', () => {
  beforeEach(() => {
    dynamo.reset();
  });

  describe('GET /items', () => {
    it('scans one page of 100 by default and answers items with a null nextToken on the last page', async () => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [{ deviceId: 'd-1', temperature: 21.5 }] });

      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items'));

      // Assert
      expect(response.statusCode).toBe(200);
      expect(response.headers).toEqual({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      expect(body).toEqual({ items: [{ deviceId: 'd-1', temperature: 21.5 }], nextToken: null });
      expect(dynamo.commandCalls(ScanCommand)[0]!.args[0].input).toEqual({ TableName: 'xacct-devices', Limit: 100 });
    });

    it('returns an opaque nextToken that resumes the scan at the LastEvaluatedKey', async () => {
      // Arrange
      dynamo
        .on(ScanCommand)
        .resolvesOnce({ Items: [{ deviceId: 'a' }], LastEvaluatedKey: { deviceId: 'a' } })
        .resolves({ Items: [{ deviceId: 'b' }] });

      // Act
      const first = await invoke(apiEvent('GET', '/items', { limit: '1' }));
      const second = await invoke(apiEvent('GET', '/items', { limit: '1', nextToken: first.body['nextToken'] }));

      // Assert
      expect(first.body['nextToken']).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(dynamo.commandCalls(ScanCommand)[1]!.args[0].input).toEqual({
        TableName: 'xacct-devices',
        Limit: 1,
        ExclusiveStartKey: { deviceId: 'a' },
      });
      expect(second.body).toEqual({ items: [{ deviceId: 'b' }], nextToken: null });
    });

    it.each(['1', '1000'])('accepts limit=%s', async (limit) => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [] });

      // Act
      const { response } = await invoke(apiEvent('GET', '/items', { limit }));

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(ScanCommand)[0]!.args[0].input.Limit).toBe(Number(limit));
    });

    it.each(['0', '1001', 'abc', '1e3', '', '-1', '1.5', '01', ' 5'])(
      'rejects limit=%j with 400 InvalidRequest naming limit, without calling DynamoDB',
      async (limit) => {
        // Act
        const { response, body } = await invoke(apiEvent('GET', '/items', { limit }));

        // Assert
        expect(response.statusCode).toBe(400);
        expect(body).toEqual({
          error: {
            code: 'InvalidRequest',
            message: expect.stringMatching(/^limit: must be a whole number from 1 to 1000/),
            requestId: 'lambda-request-1',
          },
        });
        expect(dynamo.calls()).toHaveLength(0);
      },
    );

    it.each([
      ['garbage', '!!not-base64!!', /is not base64url/],
      ['base64 of non-JSON', Buffer.from('{deviceId:').toString('base64url'), /does not decode to JSON/],
      ['valid base64 of an array', raw(['d-1']), /is not a nextToken of this API/],
      ['valid base64 of a string', raw('d-1'), /is not a nextToken of this API/],
      ['valid base64 of null', raw(null), /is not a nextToken of this API/],
      ['a bare key (a token from before scopes)', raw({ deviceId: 'd-1' }), /is not a nextToken of this API/],
      ['an envelope with an extra field', raw({ scope: '/items', key: { deviceId: 'd' }, x: 1 }), /is not a nextToken/],
      ['a key that is an array', token(['d-1']), /is not a nextToken of this API/],
      ['an object with an extra key', token({ deviceId: 'd-1', admin: true }), /exactly the key attributes deviceId/],
      ['an object missing the key', token({ other: 'd-1' }), /exactly the key attributes deviceId/],
      ['an empty object', token({}), /exactly the key attributes deviceId/],
      ['a wrong-typed key', token({ deviceId: 42 }), /deviceId must be a non-empty string/],
      ['a DynamoDB-JSON key', token({ deviceId: { S: 'd-1' } }), /deviceId must be a non-empty string/],
      ['an empty string key', token({ deviceId: '' }), /deviceId: must not be empty/],
      ['a key over 2,048 bytes', token({ deviceId: 'x'.repeat(2049) }), /must be at most 2048 bytes, got 2049/],
      ['longer than any legal key encodes to', 'A'.repeat(20_000), /is too long \(20000 characters, at most \d+/],
      ['base64 with padding', `${token({ deviceId: 'd' })}==`, /is not base64url/],
    ])('rejects a nextToken that is %s with 400 naming nextToken', async (_label, nextToken, problem) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items', { nextToken }));

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body['error']).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(/^nextToken: /) });
      expect(body.error.message).toMatch(problem);
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('checks nextToken key types against a number sort key', async () => {
      // Act
      const bad = await invoke(
        apiEvent('GET', '/items', { nextToken: token({ deviceId: 'd', ts: 'five' }) }),
        readerEnvs.readings,
      );
      dynamo.on(ScanCommand).resolves({ Items: [] });
      const good = await invoke(
        apiEvent('GET', '/items', { nextToken: token({ deviceId: 'd', ts: 5 }) }),
        readerEnvs.readings,
      );

      // Assert
      expect(bad.response.statusCode).toBe(400);
      expect(bad.body['error']).toMatchObject({ message: expect.stringMatching(/ts: must be a number/) });
      expect(good.response.statusCode).toBe(200);
      expect(dynamo.commandCalls(ScanCommand)[0]!.args[0].input.ExclusiveStartKey).toEqual({ deviceId: 'd', ts: 5 });
    });

    it.each([
      ['a decimal string', '{"id":"0.12345678901234567891"}', NumberValue.from('0.12345678901234567891')],
      ['a JSON number over 2^53', '{"id":1e20}', NumberValue.from('100000000000000000000')],
      ['a JSON number', '{"id":-2.5}', -2.5],
    ])('passes a number key in nextToken written as %s with every digit', async (_label, json, expected) => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [] });

      // Act
      const { response } = await invoke(
        apiEvent('GET', '/items', { nextToken: tokenOfJson(json) }),
        readerEnvs.numbered,
      );

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(ScanCommand)[0]!.args[0].input.ExclusiveStartKey).toEqual({ id: expected });
    });

    it.each([
      ["a number under DynamoDB's range", '{"id":1e-200}', readerEnvs.numbered, /outside the range of DynamoDB/],
      ["a number over DynamoDB's range", '{"id":"1e126"}', readerEnvs.numbered, /outside the range of DynamoDB/],
      ['39 significant digits', `{"id":"1${'2'.repeat(38)}"}`, readerEnvs.numbered, /39 significant digits/],
      ['a number key in hex', '{"id":"0x10"}', readerEnvs.numbered, /not a plain decimal/],
      [
        'a string sort key over 1024 bytes',
        JSON.stringify({ deviceId: 'd', eventId: 'x'.repeat(1100) }),
        readerEnvs.events,
        /eventId: must be at most 1024 bytes, got 1100/,
      ],
    ])('rejects a nextToken holding %s with 400 naming nextToken', async (_label, json, env, problem) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items', { nextToken: tokenOfJson(json) }), env);

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body['error']).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(/^nextToken: /) });
      expect(body.error.message).toMatch(problem);
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('rejects an unknown query parameter (a typo) with 400 naming it', async () => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items', { limt: '5' }));

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body['error']).toMatchObject({
        code: 'InvalidRequest',
        message:
          'limt: unknown query parameter (allowed: limit, nextToken, segment, totalSegments, fields, consistent, format)',
      });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('rejects a parameter given twice', async () => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items', { limit: ['5', '6'] }));

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body['error']).toMatchObject({ message: 'limit: given more than once' });
    });
  });

  describe('GET /items/{key} (GetItem)', () => {
    it('gets the item by partition key', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { deviceId: 'd-1', temperature: 20 } });

      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items/d-1'));

      // Assert
      expect(response.statusCode).toBe(200);
      expect(body).toEqual({ deviceId: 'd-1', temperature: 20 });
      expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
        TableName: 'xacct-devices',
        Key: { deviceId: 'd-1' },
      });
    });

    it('answers 404 NotFound when the item is absent', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({});

      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items/missing'));

      // Assert
      expect(response.statusCode).toBe(404);
      expect(body['error']).toMatchObject({ code: 'NotFound', requestId: 'lambda-request-1' });
    });

    it('keeps an encoded slash inside the key (/items/a%2Fb is the key "a/b")', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { deviceId: 'a/b' } });

      // Act
      const { response } = await invoke(apiEvent('GET', '/items/a%2Fb'));

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ deviceId: 'a/b' });
    });

    it('takes the decoded key from pathParameters when API Gateway matched the /items/{key} resource', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { deviceId: '100%/x' } });
      const event = apiEvent(
        'GET',
        '/items/100%25%2Fx',
        {},
        { resource: '/items/{key}', pathParameters: { key: '100%/x' } },
      );

      // Act
      const { response } = await invoke(event);

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ deviceId: '100%/x' });
    });

    it('routes the /items resource to the scan and checks its method', async () => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [] });

      // Act
      const get = await invoke(apiEvent('GET', '/items', {}, { resource: '/items' }));
      const post = await invoke(apiEvent('POST', '/items', {}, { resource: '/items' }));

      // Assert
      expect(get.response.statusCode).toBe(200);
      expect(post.response.statusCode).toBe(405);
    });

    it('answers 404 for a raw slash (/items/a/b is not a route)', async () => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items/a/b'));

      // Assert
      expect(response.statusCode).toBe(404);
      expect(body['error']).toMatchObject({ code: 'NotFound' });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('rejects malformed percent-encoding in the key with 400 naming key', async () => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items/%E0%A4%A'));

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body['error']).toMatchObject({ message: 'key: is not valid percent-encoding' });
    });

    it('converts the key to a number for a number key', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { id: 42 } });

      // Act
      const { response } = await invoke(apiEvent('GET', '/items/42'), readerEnvs.numbered);

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ id: 42 });
    });

    it.each([
      ['0.12345678901234567891', NumberValue.from('0.12345678901234567891')],
      ['9007199254740993', NumberValue.from('9007199254740993')],
      ['1e-130', 1e-130],
      ['-0.5', -0.5],
    ])('keeps every digit of the number key %s', async (raw, expected) => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { id: 1 } });

      // Act
      const { response } = await invoke(apiEvent('GET', `/items/${raw}`), readerEnvs.numbered);

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ id: expected });
    });

    it.each([
      'abc',
      '0x10',
      '1,5',
      'NaN',
      'Infinity',
      '+1',
      '01',
      '1e-200',
      '1e126',
      '1e99999999999999999999',
      `1${'0'.repeat(37)}1`,
    ])('rejects %j for a number key with 400 naming key', async (raw) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', `/items/${raw}`), readerEnvs.numbered);

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body['error']).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(/^key: /) });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('rejects a string key over 2048 bytes', async () => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', `/items/${'é'.repeat(1025)}`));

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body['error']).toMatchObject({ message: 'key: must be at most 2048 bytes, got 2050' });
    });

    it('uses ?sk= as the sort key, converted to its type', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { deviceId: 'd-1', ts: 17 } });

      // Act
      const { response } = await invoke(apiEvent('GET', '/items/d-1', { sk: '17' }), readerEnvs.readings);

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
        TableName: 'readings',
        Key: { deviceId: 'd-1', ts: 17 },
      });
    });

    it.each([
      ['sk of the wrong type', readerEnvs.readings, { sk: 'yesterday' }, /^sk: must be a number/],
      [
        'sk on a table without a sort key',
        readerEnvs.devices,
        { sk: '1' },
        /^sk: unknown query parameter \(allowed: fields, consistent, format\)/,
      ],
      [
        'a partition query parameter with sk',
        readerEnvs.readings,
        { sk: '1', limit: '5' },
        /^limit: belongs to a partition query, not to a GetItem with sk/,
      ],
      ['an unknown parameter', readerEnvs.readings, { sk: '1', limt: '5' }, /^limt: unknown query parameter/],
    ])('rejects %s with 400', async (_label, env, query, message) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items/d-1', query), env);

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body['error']).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(message) });
      expect(dynamo.calls()).toHaveLength(0);
    });
  });

  describe('GET /items: parallel Scan, projection, consistent read', () => {
    it('scans one segment with segment and totalSegments', async () => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [] });

      // Act
      const { response } = await invoke(apiEvent('GET', '/items', { segment: '999999', totalSegments: '1000000' }));

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(ScanCommand)[0]!.args[0].input).toEqual({
        TableName: 'xacct-devices',
        Limit: 100,
        Segment: 999999,
        TotalSegments: 1000000,
      });
    });

    it.each([
      [{ segment: '0' }, 'totalSegments: is required with segment'],
      [{ totalSegments: '4' }, 'segment: is required with totalSegments'],
      [{ segment: '4', totalSegments: '4' }, 'segment: must be less than totalSegments (4), got 4'],
      [{ segment: '0', totalSegments: '0' }, 'totalSegments: must be a whole number from 1 to 1000000, got "0"'],
      [{ segment: '0', totalSegments: '1000001' }, 'totalSegments: must be a whole number from 1 to 1000000'],
      [{ segment: '-1', totalSegments: '4' }, 'segment: must be a whole number from 0 to 999999, got "-1"'],
      [{ segment: '01', totalSegments: '4' }, 'segment: must be a whole number from 0 to 999999'],
      [{ segment: '1.0', totalSegments: '4' }, 'segment: must be a whole number from 0 to 999999'],
      [{ consistent: 'yes' }, 'consistent: must be "true" or "false" (the default), got "yes"'],
      [{ fields: '' }, 'fields: has an empty attribute name'],
      [{ fields: 'a,,b' }, 'fields: has an empty attribute name'],
      [
        { fields: Array.from({ length: 101 }, (_, i) => `a${i}`).join(',') },
        'fields: names 101 attributes; at most 100',
      ],
    ])('rejects %j with 400 naming the parameter, without calling DynamoDB', async (query, message) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items', query));

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body.error).toMatchObject({ code: 'InvalidRequest', message: expect.stringContaining(message) });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('binds a nextToken to its segment: another segment, another split or no segment is a 400', async () => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [{ deviceId: 'a' }], LastEvaluatedKey: { deviceId: 'a' } });
      const segmented = (await invoke(apiEvent('GET', '/items', { segment: '1', totalSegments: '4' }))).body.nextToken;
      const plain = (await invoke(apiEvent('GET', '/items'))).body.nextToken;
      dynamo.resetHistory();

      // Act
      const same = await invoke(apiEvent('GET', '/items', { segment: '1', totalSegments: '4', nextToken: segmented }));
      const misuses = await Promise.all(
        (
          [
            { segment: '2', totalSegments: '4', nextToken: segmented },
            { segment: '1', totalSegments: '8', nextToken: segmented },
            { nextToken: segmented },
            { segment: '0', totalSegments: '4', nextToken: plain },
          ] as Record<string, string>[]
        ).map((query) => invoke(apiEvent('GET', '/items', query))),
      );

      // Assert
      expect(same.response.statusCode).toBe(200);
      expect(dynamo.commandCalls(ScanCommand)[0]!.args[0].input).toMatchObject({
        Segment: 1,
        TotalSegments: 4,
        ExclusiveStartKey: { deviceId: 'a' },
      });
      expect(misuses.map((m) => m.response.statusCode)).toEqual([400, 400, 400, 400]);
      expect(misuses[0]!.body.error.message).toBe(
        'nextToken: was issued for "/items segment 1 of 4", not for "/items segment 2 of 4"; pass the nextToken of the previous page unchanged',
      );
      expect(dynamo.calls()).toHaveLength(1);
    });

    it('projects fields through ExpressionAttributeNames only, always adding the key attributes', async () => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [{ deviceId: 'a', ts: 1, temp: 2 }] });

      // Act
      const { response } = await invoke(
        apiEvent('GET', '/items', { fields: 'temp,a.b,#x,:y,temp', consistent: 'true' }),
        readerEnvs.readings,
      );

      // Assert: caller text never reaches the expression itself.
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(ScanCommand)[0]!.args[0].input).toEqual({
        TableName: 'readings',
        Limit: 100,
        ConsistentRead: true,
        ProjectionExpression: '#p0, #p1, #p2, #p3, #p4, #p5',
        ExpressionAttributeNames: {
          '#p0': 'temp',
          '#p1': 'a.b',
          '#p2': '#x',
          '#p3': ':y',
          '#p4': 'deviceId',
          '#p5': 'ts',
        },
      });
    });
  });

  describe('GET /items/{key} (partition Query)', () => {
    it('queries the partition when the table has a sort key and no sk is given', async () => {
      // Arrange
      dynamo.on(QueryCommand).resolves({ Items: [{ deviceId: 'd-1', ts: 1, temp: new NumberValue('20.5') }] });

      // Act
      const { response, body, logger } = await invoke(apiEvent('GET', '/items/d-1'), readerEnvs.readings);

      // Assert
      expect(response.statusCode).toBe(200);
      expect(body).toEqual({ items: [{ deviceId: 'd-1', ts: 1, temp: 20.5 }], nextToken: null });
      expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
        TableName: 'readings',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'deviceId' },
        ExpressionAttributeValues: { ':pk': 'd-1' },
        Limit: 100,
      });
      expect(logger.lines[0]!.fields).toMatchObject({ route: 'queryPartition', status: 200 });
    });

    it.each([
      [{ skFrom: '10', skTo: '9.5e1' }, '#sk BETWEEN :from AND :to', { ':from': 10, ':to': 95 }],
      [{ skFrom: '-1' }, '#sk >= :from', { ':from': -1 }],
      [{ skTo: '0.12345678901234567891' }, '#sk <= :to', { ':to': NumberValue.from('0.12345678901234567891') }],
      [{ skFrom: '5', skTo: '5.0' }, '#sk BETWEEN :from AND :to', { ':from': 5, ':to': 5 }],
    ])('types the sort-key condition %j by the number sort key', async (query, expression, values) => {
      // Arrange
      dynamo.on(QueryCommand).resolves({ Items: [] });

      // Act
      const { response } = await invoke(
        apiEvent('GET', '/items/d-1', { ...query, order: 'desc' }),
        readerEnvs.readings,
      );

      // Assert
      expect(response.statusCode).toBe(200);
      expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
        KeyConditionExpression: `#pk = :pk AND ${expression}`,
        ExpressionAttributeNames: { '#pk': 'deviceId', '#sk': 'ts' },
        ExpressionAttributeValues: { ':pk': 'd-1', ...values },
        ScanIndexForward: false,
      });
    });

    it('uses begins_with for skBeginsWith on a string sort key, with a consistent read and a projection', async () => {
      // Arrange
      dynamo.on(QueryCommand).resolves({ Items: [] });

      // Act
      await invoke(
        apiEvent('GET', '/items/d-1', { skBeginsWith: '2026-', consistent: 'true', fields: 'temp', order: 'asc' }),
        readerEnvs.events,
      );

      // Assert
      expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
        TableName: 'events',
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: {
          '#pk': 'deviceId',
          '#sk': 'eventId',
          '#p0': 'temp',
          '#p1': 'deviceId',
          '#p2': 'eventId',
        },
        ExpressionAttributeValues: { ':pk': 'd-1', ':prefix': '2026-' },
        ProjectionExpression: '#p0, #p1, #p2',
        Limit: 100,
        ConsistentRead: true,
      });
    });

    it.each([
      [readerEnvs.events, { skBeginsWith: 'a', skFrom: 'a' }, /^skBeginsWith: cannot be combined with skFrom or skTo/],
      [readerEnvs.events, { skBeginsWith: 'a', skTo: 'b' }, /^skBeginsWith: cannot be combined/],
      [readerEnvs.readings, { skBeginsWith: '1' }, /^skBeginsWith: applies to string sort keys only \(ts is a number/],
      [readerEnvs.readings, { skFrom: 'abc' }, /^skFrom: must be a number \(ts is a number key\)/],
      [readerEnvs.readings, { skTo: '1e200' }, /^skTo: must be a number .*outside the range/],
      [readerEnvs.readings, { skFrom: '10', skTo: '9' }, /^skFrom: must not be greater than skTo/],
      [readerEnvs.readings, { skFrom: '-1', skTo: '-2' }, /^skFrom: must not be greater than skTo/],
      [readerEnvs.events, { skFrom: 'b', skTo: 'a' }, /^skFrom: must not be greater than skTo/],
      [readerEnvs.events, { skFrom: 'é', skTo: 'z' }, /^skFrom: must not be greater than skTo/],
      [readerEnvs.events, { skTo: '' }, /^skTo: must not be empty/],
      [readerEnvs.events, { skBeginsWith: 'x'.repeat(1025) }, /^skBeginsWith: must be at most 1024 bytes/],
      [readerEnvs.events, { order: 'up' }, /^order: must be "asc" \(the default\) or "desc", got "up"/],
      [readerEnvs.events, { limit: '0' }, /^limit: must be a whole number from 1 to 1000/],
      [readerEnvs.events, { segment: '0' }, /^segment: unknown query parameter/],
      [
        readerEnvs.events,
        { nextToken: token({ deviceId: 'd-1', eventId: 'e' }) },
        /^nextToken: was issued for "\/items", not for "\/items\/{key}"/,
      ],
      [
        readerEnvs.events,
        { nextToken: token({ deviceId: 'd-2', eventId: 'e' }, '/items/{key}') },
        /^nextToken: was issued for another partition/,
      ],
      [
        readerEnvs.events,
        { order: 'desc', nextToken: token({ deviceId: 'd-1', eventId: 'e' }, '/items/{key}') },
        /^nextToken: was issued for "\/items\/{key}", not for "\/items\/{key} order desc"/,
      ],
      [
        readerEnvs.events,
        { nextToken: token({ deviceId: 'd-1', eventId: 'e' }, '/items/{key} order desc') },
        /^nextToken: was issued for "\/items\/{key} order desc", not for "\/items\/{key}"/,
      ],
      [
        readerEnvs.events,
        { nextToken: token({ deviceId: 'd-1' }, '/items/{key}') },
        /^nextToken: must hold exactly the key attributes deviceId, eventId/,
      ],
      [readerEnvs.devices, { skFrom: 'a' }, /^skFrom: unknown query parameter \(allowed: fields, consistent, format\)/],
      [readerEnvs.devices, { limit: '5' }, /^limit: unknown query parameter/],
      [readerEnvs.devices, { fields: ',' }, /^fields: has an empty attribute name/],
    ])('rejects bad partition query no. %# with 400 naming the parameter', async (env, query, message) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items/d-1', query), env);

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body.error).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(message) });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('pages a partition: the nextToken resumes the same partition, and a Scan refuses it', async () => {
      // Arrange
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [{ deviceId: 'd-1', ts: 1 }], LastEvaluatedKey: { deviceId: 'd-1', ts: 1 } })
        .resolves({ Items: [{ deviceId: 'd-1', ts: 2 }] });

      // Act
      const first = await invoke(apiEvent('GET', '/items/d-1', { limit: '1', fields: 'temp' }), readerEnvs.readings);
      const nextToken = first.body.nextToken;
      const second = await invoke(
        apiEvent('GET', '/items/d-1', { limit: '1', fields: 'temp', nextToken }),
        readerEnvs.readings,
      );
      const onScan = await invoke(apiEvent('GET', '/items', { nextToken }), readerEnvs.readings);
      const onIndex = await invoke(apiEvent('GET', '/indexes/byOwner/items/d-1', { nextToken }), readerEnvs.history);

      // Assert
      expect(second.body).toEqual({ items: [{ deviceId: 'd-1', ts: 2 }], nextToken: null });
      expect(dynamo.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({ deviceId: 'd-1', ts: 1 });
      expect([onScan.response.statusCode, onIndex.response.statusCode]).toEqual([400, 400]);
      expect(dynamo.commandCalls(QueryCommand)).toHaveLength(2);
    });

    it('keeps the 6 MB cut: fewer items and a nextToken at the last one returned, in the same partition', async () => {
      // Arrange
      const big = (ts: number) => ({ deviceId: 'd-1', ts, data: '\u0001'.repeat(330_000) });
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [big(1), big(2), big(3)], LastEvaluatedKey: { deviceId: 'd-1', ts: 3 } })
        .resolves({ Items: [big(3)] });

      // Act
      const first = await invoke(apiEvent('GET', '/items/d-1'), readerEnvs.readings);
      const second = await invoke(
        apiEvent('GET', '/items/d-1', { nextToken: first.body.nextToken }),
        readerEnvs.readings,
      );

      // Assert
      expect(Buffer.byteLength(JSON.stringify(first.response))).toBeLessThanOrEqual(6 * 1024 * 1024);
      expect((first.body['items'] as { ts: number }[]).map((i) => i.ts)).toEqual([1, 2]);
      expect(dynamo.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({ deviceId: 'd-1', ts: 2 });
      expect(second.response.statusCode).toBe(200);
    });
  });

  describe('GET /indexes/{index}/items/{key}', () => {
    it('queries a declared GSI by its keys; the nextToken carries the index keys and the table keys', async () => {
      // Arrange
      const item = { deviceId: 'd-1', timestamp: '2026-01-01T00:00:00Z', owner: 'alice' };
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [item], LastEvaluatedKey: item })
        .resolves({ Items: [] });
      const event = (query: Record<string, string>) =>
        apiEvent('GET', '/indexes/byOwner/items/alice', query, {
          resource: '/indexes/{index}/items/{key}',
          pathParameters: { index: 'byOwner', key: 'alice' },
        });

      // Act
      const first = await invoke(event({ skBeginsWith: '2026-', limit: '1', fields: 'temp' }), readerEnvs.history);
      const second = await invoke(
        event({ skBeginsWith: '2026-', limit: '1', fields: 'temp', nextToken: first.body.nextToken }),
        readerEnvs.history,
      );

      // Assert
      expect(first.response.statusCode).toBe(200);
      expect(second.body).toEqual({ items: [], nextToken: null });
      expect(dynamo.commandCalls(QueryCommand)[1]!.args[0].input).toEqual({
        TableName: 'xacct-history',
        IndexName: 'byOwner',
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: {
          '#pk': 'owner',
          '#sk': 'timestamp',
          '#p0': 'temp',
          '#p1': 'owner',
          '#p2': 'timestamp',
          '#p3': 'deviceId',
        },
        ExpressionAttributeValues: { ':pk': 'alice', ':prefix': '2026-' },
        ProjectionExpression: '#p0, #p1, #p2, #p3',
        Limit: 1,
        ExclusiveStartKey: item,
      });
      expect(first.logger.lines[0]!.fields).toMatchObject({ route: 'queryIndex' });
    });

    it('resource-policy mode: queries the index by the table ARN', async () => {
      // Arrange
      dynamo.on(QueryCommand).resolves({ Items: [] });
      const env = {
        ...readerEnvs.resourcePolicy,
        sortKey: readerEnvs.history.sortKey,
        indexes: readerEnvs.history.indexes,
      };

      // Act
      const index = await invoke(apiEvent('GET', '/indexes/byOwner/items/alice'), env);
      const partition = await invoke(apiEvent('GET', '/items/d-1'), env);

      // Assert
      expect([index.response.statusCode, partition.response.statusCode]).toEqual([200, 200]);
      expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input.TableName)).toEqual([
        readerEnvs.resourcePolicy.tableArn,
        readerEnvs.resourcePolicy.tableArn,
      ]);
      expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input.IndexName).toBe('byOwner');
    });

    it.each([
      [readerEnvs.history, 'No index "nope"; indexes: byOwner, byType'],
      [readerEnvs.devices, 'No index "nope"; this API declares no indexes'],
    ])('answers 404 NotFound for an undeclared index, naming the known ones', async (env, message) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', '/indexes/nope/items/alice'), env);

      // Assert
      expect(response.statusCode).toBe(404);
      expect(body.error).toMatchObject({ code: 'NotFound', message });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it.each([
      ['byOwner', { consistent: 'true' }, /^consistent: is not available on an index/],
      ['byOwner', { consistent: 'false' }, /^consistent: is not available on an index/],
      ['byType', { skFrom: 'a' }, /^skFrom: unknown query parameter \(allowed: limit, nextToken, fields, format\)/],
      ['byType', { order: 'desc' }, /^order: unknown query parameter/],
      ['byOwner', { skFrom: 'b', skTo: 'a' }, /^skFrom: must not be greater than skTo/],
      ['byOwner', { limit: '1001' }, /^limit: must be a whole number from 1 to 1000/],
      ['byOwner', { format: 'xml' }, /^format: must be "json" \(the default\) or "dynamodb"/],
      [
        'byOwner',
        { nextToken: token({ owner: 'alice', timestamp: 't', deviceId: 'd' }, '/indexes/byType/items/{key}') },
        /^nextToken: was issued for "\/indexes\/byType\/items\/{key}", not for "\/indexes\/byOwner\/items\/{key}"/,
      ],
      [
        'byOwner',
        { nextToken: token({ owner: 'bob', timestamp: 't', deviceId: 'd' }, '/indexes/byOwner/items/{key}') },
        /^nextToken: was issued for another partition/,
      ],
      [
        'byOwner',
        { nextToken: token({ owner: 'alice', timestamp: 't' }, '/indexes/byOwner/items/{key}') },
        /^nextToken: must hold exactly the key attributes owner, timestamp, deviceId/,
      ],
      [
        'byType',
        { nextToken: token({ type: 'alice', deviceId: 'd' }, '/indexes/byType/items/{key}') },
        /^nextToken: must hold exactly the key attributes type, deviceId, timestamp/,
      ],
    ])('rejects a bad index query on %s (%j) with 400 naming the parameter', async (index, query, message) => {
      // Act
      const { response, body } = await invoke(
        apiEvent('GET', `/indexes/${index}/items/alice`, query),
        readerEnvs.history,
      );

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body.error).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(message) });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('keeps the 6 MB cut on an index: the nextToken resumes at the last item by its index and table keys', async () => {
      // Arrange
      const big = (timestamp: string) => ({
        deviceId: `d-${timestamp}`,
        timestamp,
        owner: 'alice',
        data: '\u0001'.repeat(330_000),
      });
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [big('1'), big('2'), big('3')] })
        .resolves({ Items: [] });

      // Act
      const first = await invoke(apiEvent('GET', '/indexes/byOwner/items/alice'), readerEnvs.history);
      await invoke(
        apiEvent('GET', '/indexes/byOwner/items/alice', { nextToken: first.body.nextToken }),
        readerEnvs.history,
      );

      // Assert
      expect((first.body['items'] as unknown[]).length).toBe(2);
      expect(dynamo.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({
        owner: 'alice',
        timestamp: '2',
        deviceId: 'd-2',
      });
    });

    it('maps an index the table lacks (TABLE_INDEXES ahead of target-infra) to 502 TargetTableNotFound, even with a nextToken', async () => {
      // Arrange
      dynamo.on(QueryCommand).rejects(
        new DynamoDBServiceException({
          name: 'ValidationException',
          $fault: 'client',
          $metadata: {},
          message: 'The table does not have the specified index: byOwner',
        }),
      );
      const nextToken = token({ owner: 'alice', timestamp: 't', deviceId: 'd' }, '/indexes/byOwner/items/{key}');

      // Act
      const { response, body, logger } = await invoke(
        apiEvent('GET', '/indexes/byOwner/items/alice', { nextToken }),
        readerEnvs.history,
      );

      // Assert
      expect(response.statusCode).toBe(502);
      expect(body.error.code).toBe('TargetTableNotFound');
      expect(logger.lines[0]!.fields['diagnosis']).toMatch(/lacks an index that TABLE_INDEXES declares/);
    });
  });

  describe('other methods and paths', () => {
    it.each([
      ['POST', '/items'],
      ['DELETE', '/items/d-1'],
      ['PUT', '/items/d-1'],
      ['HEAD', '/items'],
    ])('answers %s %s with 405 and Allow: GET', async (method, path) => {
      // Act
      const { response, body } = await invoke(apiEvent(method, path));

      // Assert
      expect(response.statusCode).toBe(405);
      expect(response.headers?.['allow']).toBe('GET');
      expect(body['error']).toMatchObject({ code: 'MethodNotAllowed' });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it.each(['/', '/item', '/items/d-1/extra', '/other/items'])('answers 404 for the unknown path %s', async (path) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', path));

      // Assert
      expect(response.statusCode).toBe(404);
      expect(body['error']).toMatchObject({ code: 'NotFound' });
    });

    it('treats a trailing slash like the path without it', async () => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [] });

      // Act
      const { response } = await invoke(apiEvent('GET', '/items/'));

      // Assert
      expect(response.statusCode).toBe(200);
    });
  });

  describe('error mapping', () => {
    it('resource-policy mode: scans by table ARN and hints at the table policy on AccessDenied', async () => {
      // Arrange
      dynamo.on(ScanCommand).rejects(serviceError('AccessDeniedException'));

      // Act
      const { response, body, logger } = await invoke(apiEvent('GET', '/items'), readerEnvs.resourcePolicy);

      // Assert: the caller sees the code; the mode's hint is the operator's, on the request's log line only.
      expect(dynamo.commandCalls(ScanCommand)[0]?.args[0].input.TableName).toBe(readerEnvs.resourcePolicy.tableArn);
      expect(response.statusCode).toBe(502);
      expect(body.error.code).toBe('TargetAccessDenied');
      expect(body.error.message).not.toContain(readerEnvs.resourcePolicy.tableArn);
      const diagnosis = String(logger.lines[0]!.fields['diagnosis']);
      expect(diagnosis).toMatch(/deployed in access mode resource-policy.*resource policy names this role/);
      expect(diagnosis).toContain('kms:Decrypt via DynamoDB');
    });

    const deniedByTrust = new AssumeRoleDeniedError({
      reason: 'AccessDenied',
      roleArn: 'arn:aws:iam::222222222222:role/xacct-devices-access',
      hint: 'Check that target-infra is deployed, that its trust policy names this caller, and that EXTERNAL_ID matches.',
      detail: 'User: arn:aws:sts::111111111111:assumed-role/xacct-devices-reader/fn is not authorized',
    });

    function withStatus<E extends object>(error: E, httpStatusCode: number): E {
      return Object.assign(error, { $metadata: { httpStatusCode } });
    }
    const systemError = (code: string) => Object.assign(new Error(`read ${code}`), { code, syscall: 'read' });

    // Every route that calls DynamoDB maps failures the same way (a Query that throttles or hangs is a Scan's twin).
    const reads = [
      ['a Scan', ScanCommand, '/items'],
      ['a parallel Scan', ScanCommand, '/items?segment=1&totalSegments=2'],
      ['a GetItem', GetCommand, '/items/d-1?sk=t'],
      ['a partition Query', QueryCommand, '/items/d-1'],
      ['an index Query', QueryCommand, '/indexes/byOwner/items/alice'],
    ] as const;
    const eventOf = (target: string) => {
      const [path = '', search = ''] = target.split('?');
      return apiEvent('GET', path, Object.fromEntries(new URLSearchParams(search)));
    };

    describe.each(reads)('on %s', (_read, command, target) => {
      it.each([
        [
          'AssumeRole denied',
          deniedByTrust,
          502,
          'TargetAccessDenied',
          /target-infra is deployed.*EXTERNAL_ID matches/,
        ],
        ['DynamoDB AccessDenied', serviceError('AccessDeniedException'), 502, 'TargetAccessDenied', /dynamodb:Scan/],
        [
          'credentials rejected after the refresh',
          serviceError('ExpiredTokenException'),
          502,
          'TargetAccessDenied',
          /forced refresh/,
        ],
        ['InvalidSignatureException', serviceError('InvalidSignatureException'), 502, 'TargetAccessDenied', /revoked/],
        ['SignatureDoesNotMatch', serviceError('SignatureDoesNotMatch'), 502, 'TargetAccessDenied', /revoked/],
        [
          'a missing table',
          new ResourceNotFoundException({ $metadata: {}, message: 'Requested resource not found' }),
          502,
          'TargetTableNotFound',
          /Table xacct-history does not exist in us-east-1/,
        ],
        [
          'STS unreachable',
          new AssumeRoleUnavailableError({ roleArn: 'arn:x', reason: 'ECONNREFUSED', detail: 'connect ECONNREFUSED' }),
          503,
          'TargetUnavailable',
          undefined,
        ],
        [
          'STS timing out',
          new AssumeRoleUnavailableError({ roleArn: 'arn:x', reason: 'TimeoutError', detail: 'timed out' }),
          504,
          'TargetUnavailable',
          undefined,
        ],
        [
          'STS throttling',
          new AssumeRoleUnavailableError({
            roleArn: 'arn:x',
            reason: 'Throttling',
            detail: 'Rate exceeded',
            cause: withStatus(serviceError('Throttling'), 400),
          }),
          503,
          'TargetThrottled',
          undefined,
        ],
        [
          'DynamoDB unreachable',
          Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
          503,
          'TargetUnavailable',
          undefined,
        ],
        ['EPROTO', systemError('EPROTO'), 503, 'TargetUnavailable', undefined],
        ['ECONNABORTED', systemError('ECONNABORTED'), 503, 'TargetUnavailable', undefined],
        ['EADDRNOTAVAIL', systemError('EADDRNOTAVAIL'), 503, 'TargetUnavailable', undefined],
        [
          'a reset the SDK names TimeoutError',
          Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }),
          503,
          'TargetUnavailable',
          undefined,
        ],
        ['a DynamoDB server fault', serviceError('InternalServerError', 'server'), 503, 'TargetUnavailable', undefined],
        [
          'an unlisted 5xx without $fault',
          withStatus(new Error('Bad Gateway'), 502),
          503,
          'TargetUnavailable',
          undefined,
        ],
        [
          'an unlisted throttling code with HTTP 429',
          withStatus(serviceError('SlowDownPleaseException'), 429),
          503,
          'TargetThrottled',
          undefined,
        ],
        [
          'our deadline (AbortError)',
          Object.assign(new Error('Request aborted'), { name: 'AbortError' }),
          504,
          'TargetUnavailable',
          undefined,
        ],
        [
          'a request timeout',
          Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }),
          504,
          'TargetUnavailable',
          undefined,
        ],
        [
          'anything else',
          new Error('boom at /var/task/main.mjs:1 with AKIASECRETKEYID'),
          500,
          'InternalError',
          undefined,
        ],
      ])('maps %s (%s) to %i %s', async (_label, failure, status, code, diagnosis) => {
        // Arrange
        dynamo.on(command as typeof ScanCommand).rejects(failure);

        // Act
        const { response, body, logger } = await invoke(eventOf(target), readerEnvs.history);

        // Assert: the caller sees the code and what to do; the diagnosis is on the request's log line only.
        expect(response.statusCode).toBe(status);
        expect(body).toEqual({
          error: { code, message: expect.stringMatching(new RegExp(`^${code}: `)), requestId: 'lambda-request-1' },
        });
        expect(response.body).not.toMatch(
          /arn:|AKIA|stack|\/var\/task|boom|happened|not authorized|xacct-|us-east-1|[A-Z]+_[A-Z_]+|trust|ExternalId|dynamodb:/,
        );
        expect(logger.lines).toHaveLength(1);
        expect(logger.lines[0]!.level).toBe('error');
        expect(logger.lines[0]!.fields).toMatchObject({ status, errorCode: code });
        if (diagnosis) expect(logger.lines[0]!.fields['diagnosis']).toMatch(diagnosis);
        expect(JSON.stringify(logger.lines)).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
      });
    });

    it('answers a throttled request with Retry-After', async () => {
      // Arrange
      dynamo.on(ScanCommand).rejects(withStatus(serviceError('SlowDownPleaseException'), 429));

      // Act
      const { response } = await invoke(apiEvent('GET', '/items'));

      // Assert
      expect(response.headers?.['retry-after']).toBe('1');
    });

    it.each([
      ['a Scan with a nextToken', 400, 'nextToken', apiEvent('GET', '/items', { nextToken: token({ deviceId: 'd' }) })],
      ['a GetItem', 400, 'key', apiEvent('GET', '/items/d-1')],
      ['a Scan without a nextToken (our own fault)', 500, undefined, apiEvent('GET', '/items')],
    ])('maps a DynamoDB ValidationException during %s to %i', async (_label, status, parameter, event) => {
      // Arrange
      dynamo.on(ScanCommand).rejects(serviceError('ValidationException'));
      dynamo.on(GetCommand).rejects(serviceError('ValidationException'));

      // Act
      const { response, body, logger } = await invoke(event);

      // Assert
      expect(response.statusCode).toBe(status);
      if (parameter === undefined) {
        expect(body.error.code).toBe('InternalError');
      } else {
        expect(body.error).toMatchObject({
          code: 'InvalidRequest',
          message: `${parameter}: was rejected by DynamoDB as an invalid key value`,
        });
        expect(logger.lines[0]!.fields).toMatchObject({ errorName: 'ValidationException' });
      }
    });

    it('keeps a key that does not match the table schema (our configuration) a 500', async () => {
      // Arrange
      dynamo.on(GetCommand).rejects(
        new DynamoDBServiceException({
          name: 'ValidationException',
          $fault: 'client',
          $metadata: {},
          message: 'The provided key element does not match the schema',
        }),
      );

      // Act
      const { response } = await invoke(apiEvent('GET', '/items/d-1'));

      // Assert
      expect(response.statusCode).toBe(500);
    });

    it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'])(
      'maps %s (after the SDK retries) to 503 TargetThrottled with Retry-After',
      async (name) => {
        // Arrange
        dynamo.on(GetCommand).rejects(serviceError(name));

        // Act
        const { response, body } = await invoke(apiEvent('GET', '/items/d-1'));

        // Assert
        expect(response.statusCode).toBe(503);
        expect(response.headers?.['retry-after']).toBe('1');
        expect(body['error']).toMatchObject({ code: 'TargetThrottled' });
      },
    );
  });

  describe('logging', () => {
    it('writes one line per request with route, status and latency, and no item contents', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { deviceId: 'd-1', secretValue: 'item-content-xyz' } });
      const { handler, logger } = setup();

      // Act
      await handler(apiEvent('GET', '/items/d-1'), lambdaContext());

      // Assert
      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]).toMatchObject({
        level: 'info',
        message: 'request',
        fields: { route: 'getItem', method: 'GET', status: 200, apiRequestId: 'api-request-1' },
      });
      expect(typeof logger.lines[0]!.fields['latencyMs']).toBe('number');
      expect(JSON.stringify(logger.lines)).not.toContain('item-content-xyz');
    });

    it('passes an abort signal bounded by the remaining Lambda time to DynamoDB', async () => {
      // Arrange
      dynamo.on(ScanCommand).resolves({ Items: [] });
      const { handler } = setup();

      // Act
      await handler(apiEvent('GET', '/items'), lambdaContext('r', 400));

      // Assert: 400 ms left minus the 500 ms margin leaves no time, so the signal fires at once.
      const options = (dynamo.commandCalls(ScanCommand)[0]!.args as unknown[])[1] as { abortSignal?: AbortSignal };
      expect(options.abortSignal).toBeInstanceOf(AbortSignal);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(options.abortSignal!.aborted).toBe(true);
    });

    it('sets the API request id as correlation id, refreshes sampling and offers the event to log, per request', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { deviceId: 'd-1' } });
      const { handler, logger } = setup();
      const event = apiEvent('GET', '/items/d-1');

      // Act
      await handler(event, lambdaContext());
      await handler(event, lambdaContext('lambda-request-2'));

      // Assert: what Powertools' injectLambdaContext does (POWERTOOLS_LOGGER_LOG_EVENT decides in the logger).
      expect(logger.lines.map((l) => l.correlationId)).toEqual(['api-request-1', 'api-request-1']);
      expect(logger.calls.sampleRateRefreshes).toBe(2);
      expect(logger.calls.loggedEvents).toEqual([event, event]);
    });

    it("logs the request's own credential usage, not a diff of global counters", async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { deviceId: 'd-1' } });
      const usage = { assumeRoleCalls: 1, joinedFetch: false, cacheHits: 2, backgroundRefreshes: 0 };
      const credentials = {
        stats: { assumeRoleCalls: 7, cacheHits: 0, backgroundRefreshes: 0, forcedRefreshes: 0, lastFromCache: false },
        track: <T>(work: () => Promise<T>) => ({ usage, result: work() }),
      };
      const logger = recordingLogger();
      const metrics = recordingMetrics();
      const handler = createHandler({ env: readerEnvs.devices, client, logger, metrics, credentials });

      // Act
      await handler(apiEvent('GET', '/items/d-1'), lambdaContext());

      // Assert
      expect(logger.lines[0]!.fields).toMatchObject({
        credentialsFromCache: false,
        assumeRoleCallsInRequest: 1,
        assumeRoleCallsTotal: 7,
      });
      expect(metrics.published.find((m) => m.name === 'AssumeRoleCalls')?.value).toBe(1);
    });
  });

  describe('metrics (EMF)', () => {
    it('publishes one blob per request: response count and latency, keyed by status and code', async () => {
      // Arrange
      dynamo
        .on(GetCommand)
        .resolvesOnce({ Item: { deviceId: 'd-1' } })
        .rejects(serviceError('ThrottlingException'));
      const { handler, metrics } = setup();

      // Act
      await handler(apiEvent('GET', '/items/d-1'), lambdaContext());
      await handler(apiEvent('GET', '/items/d-1'), lambdaContext());

      // Assert
      expect(metrics.published.filter((m) => m.name === 'Latency').map((m) => m.dimensions)).toEqual([
        { response: '200 OK' },
        { response: '503 TargetThrottled' },
      ]);
      expect(metrics.published.filter((m) => m.name === 'Responses')).toEqual([
        { name: 'Responses', unit: 'Count', value: 1, dimensions: { response: '200 OK' } },
        { name: 'Responses', unit: 'Count', value: 1, dimensions: { response: '503 TargetThrottled' } },
      ]);
    });

    it('writes real Powertools EMF with the namespace, service and metrics', async () => {
      // Arrange
      vi.stubEnv('POWERTOOLS_DEV', 'true'); // Powertools then writes through console.log...
      vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false'); // ...and would otherwise stop publishing
      vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand'); // as Lambda sets it; ColdStart needs it
      const lines: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => {
        lines.push(line);
      });
      dynamo.on(GetCommand).resolves({ Item: { deviceId: 'd-1' } });
      const metrics = new Metrics({ namespace: 'XacctReaderTest', serviceName: 'reader-test' });
      const handler = createHandler({ env: readerEnvs.devices, client, logger: recordingLogger(), metrics });

      // Act
      await handler(apiEvent('GET', '/items/d-1'), lambdaContext());
      spy.mockRestore();
      vi.unstubAllEnvs();

      // Assert
      const blobs = lines.map(
        (l) =>
          JSON.parse(l) as Record<string, unknown> & {
            _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
          },
      );
      const names = blobs.flatMap((b) => b._aws.CloudWatchMetrics[0]!.Metrics.map((m) => m.Name));
      expect(blobs.every((b) => b._aws.CloudWatchMetrics[0]!.Namespace === 'XacctReaderTest')).toBe(true);
      expect(names).toEqual(expect.arrayContaining(['Latency', 'Responses', 'ColdStart']));
      expect(blobs.find((b) => 'Responses' in b)).toMatchObject({ service: 'reader-test', response: '200 OK' });
    });
  });

  describe('response formats', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const item = {
      deviceId: 'd-1',
      s: 'text',
      n: new NumberValue('21.5'),
      bigN: new NumberValue('12345678901234567890123456789012345678'),
      b: bytes,
      ss: new Set(['a', 'b']),
      ns: new Set([new NumberValue('1'), new NumberValue('0.12345678901234567891')]),
      bs: new Set([bytes, new Uint8Array([104, 105])]),
      bool: true,
      nul: null,
      l: ['x', new NumberValue('2'), [true]],
      m: { inner: new Set(['z']), deeper: { b: new Uint8Array([1]) } },
    };

    it('maps every DynamoDB type to JSON as the README table says (the review found sets as {} and binary as {"0":…})', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: item });

      // Act
      const { response, body } = await invoke(apiEvent('GET', '/items/d-1'));

      // Assert
      expect(response.statusCode).toBe(200);
      expect(body).toEqual({
        deviceId: 'd-1',
        s: 'text',
        n: 21.5,
        bigN: '12345678901234567890123456789012345678',
        b: 'AAEC+v8=',
        ss: ['a', 'b'],
        ns: [1, '0.12345678901234567891'],
        bs: ['AAEC+v8=', 'aGk='],
        bool: true,
        nul: null,
        l: ['x', 2, [true]],
        m: { inner: ['z'], deeper: { b: 'AQ==' } },
      });
    });

    it('returns the attribute map in DynamoDB JSON with ?format=dynamodb, keeping sets, exact numbers and binary', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: item });

      // Act
      const { body } = await invoke(apiEvent('GET', '/items/d-1', { format: 'dynamodb' }));

      // Assert
      expect(body).toEqual({
        deviceId: { S: 'd-1' },
        s: { S: 'text' },
        n: { N: '21.5' },
        bigN: { N: '12345678901234567890123456789012345678' },
        b: { B: 'AAEC+v8=' },
        ss: { SS: ['a', 'b'] },
        ns: { NS: ['1', '0.12345678901234567891'] },
        bs: { BS: ['AAEC+v8=', 'aGk='] },
        bool: { BOOL: true },
        nul: { NULL: true },
        l: { L: [{ S: 'x' }, { N: '2' }, { L: [{ BOOL: true }] }] },
        m: { M: { inner: { SS: ['z'] }, deeper: { M: { b: { B: 'AQ==' } } } } },
      });
    });

    it('keeps the list envelope with ?format=dynamodb and a nextToken that round-trips', async () => {
      // Arrange
      dynamo
        .on(ScanCommand)
        .resolvesOnce({ Items: [{ deviceId: 'a', n: 1 }], LastEvaluatedKey: { deviceId: 'a' } })
        .resolves({ Items: [{ deviceId: 'b' }] });

      // Act
      const first = await invoke(apiEvent('GET', '/items', { format: 'dynamodb', limit: '1' }));
      const second = await invoke(
        apiEvent('GET', '/items', { format: 'dynamodb', nextToken: first.body['nextToken'] as string }),
      );

      // Assert
      expect(first.body['items']).toEqual([{ deviceId: { S: 'a' }, n: { N: '1' } }]);
      expect(second.body).toEqual({ items: [{ deviceId: { S: 'b' } }], nextToken: null });
      expect(dynamo.commandCalls(ScanCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({ deviceId: 'a' });
    });

    it.each([
      ['/items', {}],
      ['/items/d-1', {}],
    ])('rejects another format value on %s with 400 naming format', async (path) => {
      // Act
      const { response, body } = await invoke(apiEvent('GET', path, { format: 'xml' }));

      // Assert
      expect(response.statusCode).toBe(400);
      expect(body.error).toMatchObject({
        code: 'InvalidRequest',
        message: 'format: must be "json" (the default) or "dynamodb", got "xml"',
      });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('accepts format=json explicitly', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: { deviceId: 'd-1', n: new NumberValue('3') } });

      // Act
      const { body } = await invoke(apiEvent('GET', '/items/d-1', { format: 'json' }));

      // Assert
      expect(body).toEqual({ deviceId: 'd-1', n: 3 });
    });
  });

  describe('the 6 MB response limit', () => {
    it('returns fewer items and a nextToken at the last one returned when a page would pass 6 MB', async () => {
      // Arrange: a 1 MB page of three ~330 KB items of control characters, each JSON-escaped to 6 then 7 bytes.
      const big = (id: string) => ({ deviceId: id, data: '\u0001'.repeat(330_000) });
      dynamo
        .on(ScanCommand)
        .resolvesOnce({ Items: [big('a'), big('b'), big('c')], LastEvaluatedKey: { deviceId: 'c' } })
        .resolves({ Items: [big('c')] });

      // Act
      const first = await invoke(apiEvent('GET', '/items'));
      const second = await invoke(apiEvent('GET', '/items', { nextToken: first.body['nextToken'] as string }));

      // Assert
      const lambdaPayload = Buffer.byteLength(JSON.stringify(first.response));
      expect(lambdaPayload).toBeLessThanOrEqual(6 * 1024 * 1024);
      expect((first.body['items'] as { deviceId: string }[]).map((i) => i.deviceId)).toEqual(['a', 'b']);
      expect(dynamo.commandCalls(ScanCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({ deviceId: 'b' });
      expect(second.response.statusCode).toBe(200);
    });
  });
});
