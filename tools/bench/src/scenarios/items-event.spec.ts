import { describe, expect, it } from 'vitest';
import { itemsEvent } from './items-event';

describe('itemsEvent', () => {
  it('is GET /items with the query, and no path parameters, without a key', () => {
    // Act
    const event = itemsEvent({ limit: '100' });
    // Assert
    expect(event).toMatchObject({
      httpMethod: 'GET',
      path: '/items',
      resource: '/items',
      queryStringParameters: { limit: '100' },
    });
    expect(event.pathParameters ?? {}).toEqual({});
  });

  it("is API Gateway's GET /items/{key} event for a partition Query with a key", () => {
    // Act
    const event = itemsEvent({ limit: '100' }, 'r-1', 'bench-history-0000001');
    // Assert
    expect(event).toMatchObject({
      path: '/items/bench-history-0000001',
      resource: '/items/{key}',
      pathParameters: { key: 'bench-history-0000001' },
      queryStringParameters: { limit: '100' },
    });
    expect(event.requestContext.requestId).toBe('r-1');
  });
});
