/** The measurements of the issue, by number. */
export const SCENARIOS = [1, 2, 3, 4, 5, 6] as const;
export type ScenarioNumber = (typeof SCENARIOS)[number];

export interface BenchOptions {
  /** CI smoke mode: smaller counts, under 2 minutes. */
  readonly quick: boolean;
  /** Which measurements to run (all by default). */
  readonly only: ReadonlySet<ScenarioNumber>;
  /** Where to write the JSON results, relative to the workspace root. */
  readonly out: string;
  /** Run nothing: regenerate the READMEs' performance tables from the results file at `out`. */
  readonly updateReadme: boolean;
}
