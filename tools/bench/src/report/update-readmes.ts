import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BenchError } from '../errors';
import type { BenchResultsFile } from './bench-results-file';
import type { Figure } from './figure';
import { formatTable } from './format-table';
import { replaceGeneratedSection } from './replace-generated-section';
import { runSummary } from './run-summary';

/** The figures the root README shows: the ratios and budgets a reader of the project cares about. */
export const SUMMARY_FIGURE_IDS: ReadonlySet<string> = new Set([
  'calls.reader.assumeRole',
  'calls.resourcePolicy.sts',
  'calls.classic.assumeRole',
  'latency.api.readerOverClassic',
  'latency.api.aws.readerOverClassic',
  'latency.api.aws.resourcePolicyOverReader',
  'latency.inProcess.handlerOverRaw',
  'latency.inProcess.query.handlerOverRaw',
  'coldStart.api.resourcePolicyOverReader',
  'coldStart.api.aws.resourcePolicyOverReader',
  'coldStart.readerBundleBytes',
  'coldStart.importRatio',
  'coldStart.firstRequestRatio',
  'concurrency.assumeRole',
  'concurrency.api.assumeRolePerEnvironment',
  'large.readerOverRaw',
  'large.gapPerPage.total',
  'large.gapPerPage.readerCode',
  'large.gapPerPage.workerBoundary',
  'large.gapPerPage.apiGateway',
  'large.peakRssMb',
  'large.peakRssGrowthMb',
  'export.segments1OverRaw',
  'export.segments4OverRaw',
  'export.segments4.peakRssMb',
  'sandbox.frontOverDirect',
]);

/** One generated block: a README and its marker name, and what goes between the markers. */
export interface ReadmeSection {
  readonly file: string;
  readonly name: string;
  readonly render: (results: BenchResultsFile, resultsPath: string) => string;
}

const block = (figures: readonly Figure[], results: BenchResultsFile, resultsPath: string) =>
  `${formatTable(figures)}\n\n\`\`\`text\n${runSummary(results, resultsPath)}\n\`\`\``;

/** Both READMEs are rendered from the same results file, so their numbers cannot disagree. */
export const README_SECTIONS: readonly ReadmeSection[] = [
  {
    file: 'README.md',
    name: 'bench-summary',
    render: (results, path) =>
      block(
        results.figures.filter((figure) => SUMMARY_FIGURE_IDS.has(figure.id)),
        results,
        path,
      ),
  },
  {
    file: 'tools/bench/README.md',
    name: 'bench-table',
    render: (results, path) => block(results.figures, results, path),
  },
];

/** `npm run bench -- --update-readme`: rewrites the generated tables of both READMEs from a results file. */
export function updateReadmes(workspaceRoot: string, resultsPath: string): string[] {
  let results: BenchResultsFile;
  try {
    results = JSON.parse(readFileSync(resolve(workspaceRoot, resultsPath), 'utf8')) as BenchResultsFile;
  } catch (error) {
    throw new BenchError(
      'InvalidArgument',
      `cannot read ${resultsPath} (run \`npm run bench\` first, or pass --out=<results file>): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (!Array.isArray(results.figures) || typeof results.startedAt !== 'string')
    throw new BenchError('InvalidArgument', `${resultsPath} is not a bench results file (no figures or startedAt)`);
  const written: string[] = [];
  for (const section of README_SECTIONS) {
    const file = resolve(workspaceRoot, section.file);
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      replaceGeneratedSection(text, section.name, section.render(results, resultsPath), section.file),
    );
    written.push(section.file);
  }
  return written;
}
