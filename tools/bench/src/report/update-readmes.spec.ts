import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BenchResultsFile } from './bench-results-file';
import { replaceGeneratedSection } from './replace-generated-section';
import { README_SECTIONS, updateReadmes } from './update-readmes';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../../..');

const results: BenchResultsFile = {
  startedAt: '2026-12-02T23:00:00.000Z',
  node: 'v20.20.2',
  cpus: 2,
  cpuModel: 'test CPU',
  seconds: { '5 large table': 61.2, '2 warm latency': 40.4 },
  loadAverage1m: { before: 1.04, after: 2.51 },
  settings: {} as BenchResultsFile['settings'],
  mode: 'full',
  durationSeconds: 120.4,
  budgets: { broken: [], unmeasured: [] },
  figures: [
    {
      id: 'calls.reader.assumeRole',
      section: '1 upstream calls',
      label: 'reader: AssumeRole',
      value: 1,
      unit: 'calls',
    },
    { id: 'latency.api.reader.p50', section: '2 warm latency', label: 'reader p50', value: 9.47, unit: 'ms' },
    {
      id: 'large.readerOverRaw',
      section: '5 large table',
      label: 'API / raw items/s',
      value: 0.6123,
      unit: 'x',
      spread: { min: 0.55, max: 0.65, rounds: 5 },
    },
  ],
};

/** The lines between a README's markers. */
function generated(text: string, name: string): string[] {
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|') || /^(full|quick) run of /.test(line));
}

describe('replaceGeneratedSection', () => {
  const text = 'intro\n<!-- t:start -->\nold table\n<!-- t:end -->\noutro\n';

  it('replaces what is between the markers, keeps them and the text around, and is idempotent', () => {
    // Act
    const once = replaceGeneratedSection(text, 't', 'new table\n', 'X.md');
    // Assert
    expect(once).toBe('intro\n<!-- t:start -->\n\nnew table\n\n<!-- t:end -->\noutro\n');
    expect(replaceGeneratedSection(once, 't', 'new table', 'X.md')).toBe(once);
  });

  it('names the file and the markers when they are missing, reversed or repeated', () => {
    const message = /X\.md needs exactly one "<!-- t:start -->" followed by one "<!-- t:end -->"/;
    expect(() => replaceGeneratedSection('no markers', 't', 'x', 'X.md')).toThrowError(message);
    expect(() => replaceGeneratedSection('<!-- t:end --><!-- t:start -->', 't', 'x', 'X.md')).toThrowError(message);
    expect(() => replaceGeneratedSection(`${text}${text}`, 't', 'x', 'X.md')).toThrowError(message);
  });
});

describe('updateReadmes', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bench-readme-'));
    mkdirSync(join(root, 'tools/bench'), { recursive: true });
    for (const section of README_SECTIONS)
      writeFileSync(
        join(root, section.file),
        `# x\n<!-- ${section.name}:start -->\nstale\n<!-- ${section.name}:end -->\n`,
      );
    writeFileSync(join(root, 'bench-results.json'), JSON.stringify(results));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes both READMEs from one results file: the summary rows are rows of the full table', () => {
    // Act
    const written = updateReadmes(root, 'bench-results.json');
    // Assert
    expect(written).toEqual(['README.md', 'tools/bench/README.md']);
    const summary = generated(readFileSync(join(root, 'README.md'), 'utf8'), 'bench-summary');
    const full = generated(readFileSync(join(root, 'tools/bench/README.md'), 'utf8'), 'bench-table');
    expect(full.join('\n')).toContain('0.61x (5 rounds: 0.55..0.65)');
    expect(full.join('\n')).toContain('9.47 ms');
    expect(summary.join('\n')).not.toContain('9.47 ms');
    expect(summary.join('\n')).toContain('reader: AssumeRole');
    expect(summary.at(-1)).toBe(
      'full run of 2026-12-02T23:00:00.000Z, 120 s on 2 CPUs, Node v20.20.2 (load average 1.0 -> 2.5); results in bench-results.json',
    );
    expect(full.at(-1)).toBe(summary.at(-1));
    expect(readFileSync(join(root, 'README.md'), 'utf8')).not.toContain('stale');
  });

  it('says how to get a results file when there is none', () => {
    expect(() => updateReadmes(root, 'missing.json')).toThrowError(
      /cannot read missing.json \(run `npm run bench` first, or pass --out=<results file>\)/,
    );
  });
});

describe('the committed READMEs', () => {
  it('show tables generated from the same run: every root README row is a row of the bench README table', () => {
    // Arrange
    const [summarySection, fullSection] = README_SECTIONS;
    const summary = generated(readFileSync(join(WORKSPACE_ROOT, summarySection?.file ?? ''), 'utf8'), 'bench-summary');
    const full = generated(readFileSync(join(WORKSPACE_ROOT, fullSection?.file ?? ''), 'utf8'), 'bench-table');
    // Assert: same run line, and the summary's figure rows (after the header and rule) appear verbatim in the full table.
    expect(summary.length).toBeGreaterThan(3);
    expect(summary.at(-1)).toBe(full.at(-1));
    const fullRows = new Set(full.slice(2).map((row) => row.replace(/\s+/g, ' ')));
    for (const row of summary.slice(2, -1)) expect(fullRows).toContain(row.replace(/\s+/g, ' '));
  });
});
