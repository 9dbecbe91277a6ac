/** Counts of a running export. */
export interface ExportProgress {
  readonly items: number;
  readonly pages: number;
  readonly segmentsDone: number;
  readonly totalSegments: number;
  /** Items read by this run, the rate's numerator (`items` includes those of the runs before a resume). */
  readonly itemsThisRun: number;
  readonly elapsedMs: number;
}

/** `export: 12,345 items, 130 pages, 1/4 segments done, 5,432 items/s`; the rate is this run's. */
export function progressLine(progress: ExportProgress): string {
  const rate = progress.elapsedMs > 0 ? Math.round((progress.itemsThisRun * 1000) / progress.elapsedMs) : 0;
  const n = (value: number) => value.toLocaleString('en-US');
  return `export: ${n(progress.items)} items, ${n(progress.pages)} pages, ${progress.segmentsDone}/${progress.totalSegments} segments done, ${n(rate)} items/s`;
}
