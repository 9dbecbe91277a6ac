import { describe, expect, it } from 'vitest';
import { SandboxFaultError } from '../errors';
import { FaultInjector } from './fault-injector';
import type { FaultDefinition } from './fault-definition';

const none = () => undefined;

describe('FaultInjector', () => {
  it('the same seed draws the same requests; another seed draws others', () => {
    // Arrange
    const pattern = (seed: number) => {
      const faults = new FaultInjector();
      faults.add({ service: 'dynamodb', kind: 'error', error: 'ThrottlingException', probability: 0.3, seed });
      return Array.from({ length: 40 }, () => (faults.decide('dynamodb', 'Scan', none)?.fault ? 'x' : '.')).join('');
    };
    // Act
    const [a, b, c] = [pattern(7), pattern(7), pattern(8)];
    // Assert
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const share = a.split('').filter((ch) => ch === 'x').length / a.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.6);
  });

  it('latency faults add up; the oldest matching answering fault wins and only it is counted', () => {
    // Arrange
    const faults = new FaultInjector();
    faults.add({ service: 'sts', kind: 'latency', ms: 10 });
    faults.add({ service: 'sts', action: 'AssumeRole', kind: 'latency', ms: 5 });
    const { id } = faults.add({ service: 'sts', kind: 'error', error: 'Throttling', ms: 1 });
    faults.add({ service: 'sts', kind: 'reset' });
    // Act
    const decision = faults.decide('sts', 'AssumeRole', none);
    // Assert
    expect(decision).toEqual({ delayMs: 16, fault: { id, kind: 'error', error: 'Throttling' } });
    expect(faults.list().map((f) => f.fired)).toEqual([1, 1, 1, 0]);
  });

  it('matches service, action and account; asks for the account only when a fault names one', () => {
    // Arrange
    const faults = new FaultInjector();
    faults.add({ service: 'dynamodb', action: 'GetItem', kind: 'reset' });
    let asked = 0;
    const account = () => {
      asked += 1;
      return '222222222222';
    };
    // Act
    const other = faults.decide('dynamodb', 'Scan', account);
    const otherService = faults.decide('sts', 'GetItem', account);
    faults.add({ service: 'dynamodb', account: '333333333333', kind: 'hang' });
    const wrongAccount = faults.decide('dynamodb', 'Query', account);
    // Assert
    expect([other, otherService, wrongAccount]).toEqual([undefined, undefined, undefined]);
    expect(asked).toBe(1);
  });

  it('a spent hang stays listed while it holds a connection; removing it releases every held one', () => {
    // Arrange
    const faults = new FaultInjector();
    const { id } = faults.add({ service: 'sts', kind: 'hang', count: 1 });
    const released: string[] = [];
    // Act
    faults.decide('sts', 'AssumeRole', none);
    faults.hold(id, () => released.push('first'));
    const listed = faults.list();
    const removed = faults.remove(id);
    // Assert
    expect(listed).toEqual([expect.objectContaining({ id, fired: 1, remaining: 0, held: 1 })]);
    expect(removed).toBe(true);
    expect(released).toEqual(['first']);
    expect(faults.list()).toEqual([]);
    expect(faults.decide('sts', 'AssumeRole', none)).toBeUndefined();
  });

  it('a spent hang expires once the client gave up', () => {
    // Arrange
    const faults = new FaultInjector();
    const { id } = faults.add({ service: 'sts', kind: 'hang', count: 1 });
    faults.decide('sts', 'AssumeRole', none);
    const clientGone = faults.hold(id, () => undefined);
    // Act
    clientGone();
    // Assert
    expect(faults.list()).toEqual([]);
  });

  it('add rejects a bad definition with SandboxFaultError naming the field', () => {
    const faults = new FaultInjector();
    const bad = { service: 'sts', kind: 'latency' } as FaultDefinition;
    expect(() => faults.add(bad)).toThrow(expect.objectContaining({ code: 'InvalidFault', field: 'ms' }));
    expect(() => faults.add(bad)).toThrow(SandboxFaultError);
  });
});
