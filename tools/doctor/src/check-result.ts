/** How one check ended: passed, failed (with its cause and a pasteable fix) or skipped (with why). */
export type CheckOutcome =
  | { readonly status: 'pass'; readonly summary: string }
  | { readonly status: 'fail'; readonly summary: string; readonly cause: string; readonly fix: string }
  | { readonly status: 'skip'; readonly summary: string };

/** One line of the checklist. */
export type CheckResult = CheckOutcome & { readonly id: number; readonly name: string };

export const pass = (summary: string): CheckOutcome => ({ status: 'pass', summary });
export const fail = (summary: string, cause: string, fix: string): CheckOutcome => ({
  status: 'fail',
  summary,
  cause,
  fix,
});
export const skip = (summary: string): CheckOutcome => ({ status: 'skip', summary });
