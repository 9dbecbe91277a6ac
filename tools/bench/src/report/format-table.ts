import { budgetText } from './budget-text';
import { budgetVerdict } from './budget-verdict';
import { formatValue } from './format-value';
import type { Figure } from './figure';

const HEADERS = ['#', 'figure', 'value', 'budget', 'verdict'] as const;

/** The results as a Markdown table (readable in a terminal, pasteable into the README as is). */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.section,
    figure.note && figure.value === null ? `${figure.label} (${figure.note})` : figure.label,
    figure.spread && figure.value !== null
      ? `${formatValue(figure.value, figure.unit)} (${figure.spread.rounds} rounds: ${formatValue(figure.spread.min, '')}..${formatValue(figure.spread.max, '')})`
      : formatValue(figure.value, figure.unit),
    budgetText(figure),
    budgetVerdict(figure),
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  // Prettier's own table layout, so the generated README tables pass `npm run format:check` unchanged.
  const rule = `| ${widths.map((width, column) => (column === 2 ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(HEADERS), rule, ...rows.map(line)].join('\n');
}
