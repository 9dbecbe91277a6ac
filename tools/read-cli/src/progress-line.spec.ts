import { describe, expect, it } from 'vitest';
import { progressLine } from './progress-line';

describe('progressLine', () => {
  it("counts every item but rates only this run's (after a resume the earlier items took no time here)", () => {
    expect(
      progressLine({
        items: 12_345,
        itemsThisRun: 2_000,
        pages: 130,
        segmentsDone: 1,
        totalSegments: 4,
        elapsedMs: 500,
      }),
    ).toBe('export: 12,345 items, 130 pages, 1/4 segments done, 4,000 items/s');
  });
});
