import { describe, expect, it } from 'vitest';
import { budgetVerdict } from './budget-verdict';
import { checkBudgets } from './check-budgets';
import type { Figure } from './figure';
import { formatTable } from './format-table';
import { exitStatus } from './exit-status';
import { formatValue } from './format-value';
import { scenarioFailure } from '../scenarios/scenario-failure';

const assumeRoles: Figure = {
  id: 'concurrency.assumeRole',
  section: '4 concurrency',
  label: 'AssumeRole calls for 50 concurrent first requests',
  value: 1,
  unit: 'calls',
  budget: { max: 1, inclusive: true, meaning: 'one STS round trip per container' },
};
const overhead: Figure = {
  id: 'latency.handlerOverhead',
  section: '2 latency',
  label: 'handler / raw Scan p50',
  value: 1.2345,
  unit: 'x',
  budget: { max: 1.15, inclusive: true, meaning: 'handler overhead on top of DynamoDB' },
};
const rss: Figure = {
  id: 'large.peakRss',
  section: '5 large table',
  label: 'worker peak RSS',
  value: null,
  unit: 'MB',
  budget: { max: 256, inclusive: false, meaning: 'fits a 256 MB Lambda' },
  note: 'sandbox Lambda runner missing',
};
const size: Figure = { id: 'cold.size', section: '3 cold start', label: 'bundle size', value: 401234, unit: 'B' };

describe('budgetVerdict', () => {
  it('passes a value equal to an inclusive max and fails one above it', () => {
    expect(budgetVerdict(assumeRoles)).toBe('ok');
    expect(budgetVerdict({ ...assumeRoles, value: 2 })).toBe('BROKEN');
  });

  it('fails a value equal to an exclusive max', () => {
    expect(budgetVerdict({ ...rss, value: 256 })).toBe('BROKEN');
    expect(budgetVerdict({ ...rss, value: 255.9 })).toBe('ok');
  });

  it('says NOT MEASURED for a budgeted figure without a value and nothing for an unbudgeted one', () => {
    expect(budgetVerdict(rss)).toBe('NOT MEASURED');
    expect(budgetVerdict(size)).toBe('');
  });
});

describe('checkBudgets', () => {
  it('names each broken budget with its value, limit and meaning, and lists unmeasured ones apart', () => {
    // Act
    const report = checkBudgets([assumeRoles, overhead, rss, size]);
    // Assert
    expect(report.broken).toEqual([
      '2 latency: handler / raw Scan p50 = 1.23x, budget <= 1.15x (handler overhead on top of DynamoDB)',
    ]);
    expect(report.unmeasured).toEqual([
      '5 large table: worker peak RSS (budget < 256 MB): sandbox Lambda runner missing',
    ]);
  });

  it('reports nothing when every budget holds', () => {
    expect(checkBudgets([assumeRoles, size])).toEqual({ broken: [], unmeasured: [] });
  });
});

describe('formatValue', () => {
  it('formats ratios, bytes, integers, small and large decimals, and missing values', () => {
    expect(formatValue(1.0049, 'x')).toBe('1.00x');
    expect(formatValue(401234, 'B')).toBe('401,234 B');
    expect(formatValue(1000, 'calls')).toBe('1,000 calls');
    expect(formatValue(3.14159, 'ms')).toBe('3.14 ms');
    expect(formatValue(42.42, 'ms')).toBe('42.4 ms');
    expect(formatValue(12345.6, 'items/s')).toBe('12,346 items/s');
    expect(formatValue(null, 'ms')).toBe('n/a');
  });
});

describe('formatTable', () => {
  it('renders an aligned Markdown table with right-aligned values, budgets and verdicts', () => {
    // Act
    const table = formatTable([assumeRoles, size, rss]);
    // Assert
    const lines = table.split('\n');
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^\| # +\| figure +\| +value \| budget +\| verdict +\|$/);
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+: \| -+ \| -+ \|$/);
    expect(lines[2]).toContain('| <= 1 calls | ok ');
    expect(lines[3]).toContain('401,234 B |');
    expect(lines[4]).toContain('worker peak RSS (sandbox Lambda runner missing)');
    expect(lines[4]).toContain('NOT MEASURED');
  });

  it('prints a median over rounds with its range', () => {
    // Act
    const table = formatTable([
      { ...size, id: 'r', unit: 'x', value: 0.6123, spread: { min: 0.55, max: 0.651, rounds: 5 } },
    ]);
    // Assert
    expect(table).toContain('| 0.61x (5 rounds: 0.55..0.65) |');
  });
});

describe('scenarioFailure rows', () => {
  it('shows a failed measurement as NOT MEASURED with the first line of the error, so the run fails', () => {
    // Act
    const figure = scenarioFailure('2 warm latency', new Error('sandbox has no Lambda\nstack...'));
    const report = checkBudgets([figure]);
    // Assert
    expect(budgetVerdict(figure)).toBe('NOT MEASURED');
    expect(formatTable([figure])).toContain('| completes | NOT MEASURED |');
    expect(report.unmeasured).toEqual([
      '2 warm latency: measurement did not complete (budget completes): sandbox has no Lambda',
    ]);
  });
});

describe('exitStatus', () => {
  it('is 0 only when nothing is broken or unmeasured', () => {
    expect(exitStatus({ broken: [], unmeasured: [] })).toBe(0);
    expect(exitStatus({ broken: ['x'], unmeasured: [] })).toBe(1);
    expect(exitStatus({ broken: [], unmeasured: ['y'] })).toBe(1);
  });

  it('fails the run for a broken figure end to end', () => {
    expect(exitStatus(checkBudgets([{ ...assumeRoles, value: 1000 }]))).toBe(1);
    expect(exitStatus(checkBudgets([assumeRoles, size]))).toBe(0);
  });
});
