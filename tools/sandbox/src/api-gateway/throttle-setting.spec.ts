import { describe, expect, it } from 'vitest';
import { throttleSetting } from './throttle-setting';

describe('throttleSetting', () => {
  const settings = [
    { resourcePath: '/*', httpMethod: '*', throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    { resourcePath: '/~1items~1{key}', httpMethod: 'GET', throttlingRateLimit: 5 },
  ];

  it('uses the stage-wide setting for a method without its own', () => {
    expect(throttleSetting(settings, '/items', 'GET')).toEqual({ rate: 50, burst: 100 });
  });

  it('lets a method setting override the stage-wide one, field by field', () => {
    expect(throttleSetting(settings, '/items/{key}', 'GET')).toEqual({ rate: 5, burst: 100 });
  });

  it("falls back to the account's default without settings", () => {
    expect(throttleSetting([], '/items', 'GET')).toEqual({ rate: 10_000, burst: 5_000 });
  });
});
