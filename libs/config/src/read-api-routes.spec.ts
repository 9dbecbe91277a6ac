import { describe, expect, it } from 'vitest';
import { READ_API_ERROR_CODES, READ_API_ROUTES } from './read-api-routes';

describe('READ_API_ROUTES', () => {
  it('has one route per method and path, and unique ids', () => {
    const keys = READ_API_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(READ_API_ROUTES.map((route) => route.id)).size).toBe(READ_API_ROUTES.length);
  });

  it('declares every {name} of a path as a path parameter, and nothing else', () => {
    for (const route of READ_API_ROUTES) {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(
        route.pathParameters.map((parameter) => parameter.name),
        route.id,
      ).toEqual(inPath);
    }
  });

  it('names each query parameter once per route, with bounds for integers and a default inside them', () => {
    for (const route of READ_API_ROUTES) {
      const names = route.queryParameters.map((parameter) => parameter.name);
      expect(new Set(names).size, route.id).toBe(names.length);
      for (const parameter of route.queryParameters.filter((p) => p.type === 'integer')) {
        expect(parameter.minimum, parameter.name).toBeTypeOf('number');
        expect(parameter.maximum, parameter.name).toBeGreaterThanOrEqual(parameter.minimum ?? Infinity);
        if (parameter.default !== undefined) {
          expect(parameter.default).toBeGreaterThanOrEqual(parameter.minimum ?? Infinity);
          expect(parameter.default).toBeLessThanOrEqual(parameter.maximum ?? -Infinity);
        }
      }
    }
  });

  it('has no consistent read on an index (GSIs are eventually consistent only)', () => {
    const queryIndex = READ_API_ROUTES.find((route) => route.id === 'queryIndex');
    expect(queryIndex?.queryParameters.map((parameter) => parameter.name)).not.toContain('consistent');
  });
});

describe('READ_API_ERROR_CODES', () => {
  it('lists each code once, with HTTP error statuses', () => {
    const codes = READ_API_ERROR_CODES.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of READ_API_ERROR_CODES) {
      expect(entry.statuses.length, entry.code).toBeGreaterThan(0);
      for (const status of entry.statuses) expect(status >= 400 && status < 600, entry.code).toBe(true);
    }
  });
});
