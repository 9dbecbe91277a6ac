import { describe, expect, it } from 'vitest';
import { leadingKeys, UNREADABLE_LEADING_KEY } from './leading-keys';

describe('leadingKeys', () => {
  it.each([
    ['GetItem', { Key: { id: { S: 'a' } } }, ['a']],
    ['UpdateItem', { Key: { id: { N: '7' }, sk: { S: 'x' } } }, ['7']],
    ['PutItem', { Item: { id: { S: 'a' }, other: { S: 'b' } } }, ['a']],
    [
      'Query',
      {
        KeyConditionExpression: '#k = :v AND sk > :s',
        ExpressionAttributeNames: { '#k': 'id' },
        ExpressionAttributeValues: { ':v': { S: 'q' }, ':s': { S: '0' } },
      },
      ['q'],
    ],
    ['Query', { KeyConditionExpression: ':v = id', ExpressionAttributeValues: { ':v': { S: 'r' } } }, ['r']],
    ['Query', { KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'l' }] } } }, ['l']],
    ['BatchGetItem', { Keys: [{ id: { S: 'a' } }, { id: { S: 'b' } }, { id: { S: 'a' } }] }, ['a', 'b']],
    [
      'BatchWriteItem',
      [{ PutRequest: { Item: { id: { S: 'p' } } } }, { DeleteRequest: { Key: { id: { S: 'd' } } } }],
      ['p', 'd'],
    ],
    ['Scan', { TableName: 't' }, undefined],
    ['GetItem', { Key: 'garbage' }, undefined],
    [
      'Query',
      { KeyConditionExpression: 'id IN (:a, :b)', ExpressionAttributeValues: { ':a': { S: 'a' }, ':b': { S: 'b' } } },
      [UNREADABLE_LEADING_KEY],
    ],
    ['Query', {}, [UNREADABLE_LEADING_KEY]],
  ])('%s %j -> %j', (action, request, expected) => {
    // Act / Assert
    expect(leadingKeys(action, request, 'id')).toEqual(expected);
  });
});
