import { describe, expect, it } from 'vitest';
import { mayNeedLogicalNames, toLogicalNames } from './to-logical-names';

describe('toLogicalNames', () => {
  it('maps physical names and dynalite ARNs back to the account’s view', () => {
    // Act
    const result = toLogicalNames({
      TableDescription: {
        TableName: '222222222222.us-east-1.devices',
        TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/222222222222.us-east-1.devices',
        GlobalSecondaryIndexes: [
          { IndexArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/222222222222.us-east-1.devices/index/byKind' },
        ],
      },
      ConsumedCapacity: [{ TableName: '222222222222.us-east-1.devices' }],
      message: 'Requested resource not found: Table: 222222222222.us-east-1.devices not found',
    });
    // Assert
    expect(result).toEqual({
      TableDescription: {
        TableName: 'devices',
        TableArn: 'arn:aws:dynamodb:us-east-1:222222222222:table/devices',
        GlobalSecondaryIndexes: [{ IndexArn: 'arn:aws:dynamodb:us-east-1:222222222222:table/devices/index/byKind' }],
      },
      ConsumedCapacity: [{ TableName: 'devices' }],
      message: 'Requested resource not found: Table: devices not found',
    });
  });

  it('maps a table name that starts with a dot (valid in DynamoDB) like any other', () => {
    // Arrange
    const physical = '222222222222.us-east-1..cache';
    const arn = `arn:aws:dynamodb:us-east-1:000000000000:table/${physical}`;
    const answer = { TableDescription: { TableName: physical, TableArn: arn }, Responses: { [physical]: [] } };
    // Act / Assert
    expect(mayNeedLogicalNames(JSON.stringify(answer))).toBe(true);
    expect(toLogicalNames(answer)).toEqual({
      TableDescription: { TableName: '.cache', TableArn: 'arn:aws:dynamodb:us-east-1:222222222222:table/.cache' },
      Responses: { '.cache': [] },
    });
    expect(toLogicalNames(`Requested resource not found: Table: ${physical} not found`)).toBe(
      'Requested resource not found: Table: .cache not found',
    );
  });

  it('renames table-keyed maps but never touches item data', () => {
    // Arrange
    const item = { id: { S: '222222222222.us-east-1.devices' } };
    // Act
    const result = toLogicalNames({
      Responses: { '222222222222.us-east-1.devices': [item] },
      UnprocessedKeys: { '222222222222.us-east-1.devices': { Keys: [item] } },
      Items: [item],
      LastEvaluatedKey: item,
    });
    // Assert
    expect(result).toEqual({
      Responses: { devices: [item] },
      UnprocessedKeys: { devices: { Keys: [item] } },
      Items: [item],
      LastEvaluatedKey: item,
    });
  });

  it('tells which dynalite answers can go out as they came: those without a physical name or dynalite ARN', () => {
    // Arrange
    const page = JSON.stringify({ Items: [{ id: { S: 'd-1' }, at: { S: '2026-01-01T00:00:00.000Z' } }], Count: 1 });
    const withCapacity = JSON.stringify({
      Items: [],
      ConsumedCapacity: { TableName: '222222222222.us-east-1.devices' },
    });
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/222222222222.us-east-1.devices';
    // Act / Assert: an item value that looks like one is sent the slow way too, where items are never rewritten
    expect(mayNeedLogicalNames(page)).toBe(false);
    expect(mayNeedLogicalNames(withCapacity)).toBe(true);
    expect(mayNeedLogicalNames(JSON.stringify({ message: `Requested resource not found: ${arn}` }))).toBe(true);
    expect(mayNeedLogicalNames(JSON.stringify({ Items: [{ id: { S: '222222222222.us-east-1.devices' } }] }))).toBe(
      true,
    );
  });
});
