import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LatencyModel } from './latency-model';

describe('LatencyModel', () => {
  const low = new LatencyModel('aws', () => 0);
  const high = new LatencyModel('aws', () => 0.999999);

  it('sizes AssumeRole 15-30 ms and single-item reads 3-8 ms', () => {
    expect(low.requestDelayMs('sts', 'AssumeRole')).toBe(15);
    expect(high.requestDelayMs('sts', 'AssumeRole')).toBeCloseTo(30);
    expect(low.requestDelayMs('dynamodb', 'GetItem')).toBe(3);
    expect(high.requestDelayMs('dynamodb', 'GetItem')).toBeCloseTo(8);
  });

  it('grows Scan and Query with the page: a 1 MB page adds about 50 ms, an empty one nothing', () => {
    expect(low.sizesResponse('dynamodb', 'Scan')).toBe(true);
    expect(low.sizesResponse('dynamodb', 'GetItem')).toBe(false);
    expect(low.responseDelayMs(0)).toBe(0);
    expect(low.responseDelayMs(1024 * 1024)).toBeCloseTo(51.2);
    expect(low.responseDelayMs(100 * 1024)).toBeLessThan(low.responseDelayMs(1024 * 1024));
  });

  it('charges a new connection 10-20 ms once, not its later requests', () => {
    const model = new LatencyModel('aws', () => 0.5);
    const socket = {} as Socket;
    expect(model.connectionDelayMs(socket)).toBe(15);
    expect(model.connectionDelayMs(socket)).toBe(0);
    expect(model.connectionDelayMs({} as Socket)).toBe(15);
  });

  it('keeps account of what it added, per action, page size and connection', () => {
    const model = new LatencyModel('aws', () => 0);
    model.requestDelayMs('dynamodb', 'GetItem');
    model.requestDelayMs('dynamodb', 'GetItem');
    model.responseDelayMs(2048);
    model.connectionDelayMs({} as Socket);
    expect(model.added()).toEqual({
      'dynamodb:GetItem': { requests: 2, ms: 6 },
      'dynamodb:page size': { requests: 1, ms: 0.1 },
      'new connection': { requests: 1, ms: 10 },
    });
  });

  it('adds nothing in mode none', () => {
    const none = new LatencyModel('none', () => 0.5);
    expect(none.requestDelayMs('sts', 'AssumeRole')).toBe(0);
    expect(none.connectionDelayMs({} as Socket)).toBe(0);
    expect(none.sizesResponse('dynamodb', 'Scan')).toBe(false);
  });
});
