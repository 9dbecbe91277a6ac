import { describe, expect, it } from 'vitest';
import { matchRoute } from './match-route';
import type { ApiDefinition } from './types';

const definition: ApiDefinition = {
  rootResourceId: 'root',
  validators: {},
  gatewayResponses: {},
  resources: {
    root: { id: 'root', pathPart: '', methods: {} },
    items: { id: 'items', parentId: 'root', pathPart: 'items', methods: {} },
    key: { id: 'key', parentId: 'items', pathPart: '{key}', methods: {} },
    special: { id: 'special', parentId: 'items', pathPart: 'special', methods: {} },
    files: { id: 'files', parentId: 'root', pathPart: 'files', methods: {} },
    proxy: { id: 'proxy', parentId: 'files', pathPart: '{proxy+}', methods: {} },
    indexes: { id: 'indexes', parentId: 'root', pathPart: 'indexes', methods: {} },
    index: { id: 'index', parentId: 'indexes', pathPart: '{index}', methods: {} },
    indexItems: { id: 'indexItems', parentId: 'index', pathPart: 'items', methods: {} },
    indexPk: { id: 'indexPk', parentId: 'indexItems', pathPart: '{key}', methods: {} },
  },
};

describe('matchRoute', () => {
  it.each([
    ['/', 'root', {}],
    ['/items', 'items', {}],
    ['/items/', 'items', {}],
    ['/items/d0001', 'key', { key: 'd0001' }],
    ['/items/a%2Fb', 'key', { key: 'a/b' }],
    ['/items/special', 'special', {}],
    ['/files/a/b/c.txt', 'proxy', { proxy: 'a/b/c.txt' }],
    // Two path parameters on one path (GET /indexes/{index}/items/{key}), each decoded on its own.
    ['/indexes/byOwner/items/alice', 'indexPk', { index: 'byOwner', key: 'alice' }],
    ['/indexes/by.Owner/items/a%2Fb%20c', 'indexPk', { index: 'by.Owner', key: 'a/b c' }],
    ['/indexes/byOwner/items', 'indexItems', { index: 'byOwner' }],
  ])('%s -> %s %j', (path, id, params) => {
    const match = matchRoute(definition, path);

    expect(match?.resource.id).toBe(id);
    expect(match?.pathParameters).toEqual(params);
  });

  it.each(['/nothing', '/items/d0001/extra', '/items//x', '/indexes/byOwner/alice', '/indexes/byOwner/items/a/b'])(
    '%s matches nothing',
    (path) => {
      expect(matchRoute(definition, path)).toBeUndefined();
    },
  );

  it('indexes the resource tree of a definition once, not per request', () => {
    // Arrange
    let enumerations = 0;
    const resources = new Proxy(structuredClone(definition.resources), {
      ownKeys(target) {
        enumerations += 1;
        return Reflect.ownKeys(target);
      },
    });
    const counted: ApiDefinition = { ...definition, resources };
    // Act
    const first = matchRoute(counted, '/items/d0001');
    const second = matchRoute(counted, '/files/a/b');
    // Assert
    expect([first?.resource.id, second?.resource.id]).toEqual(['key', 'proxy']);
    expect(enumerations).toBe(1);
  });
});
