import type { DoctorReport } from './run-doctor';

const MARK = { pass: '✔', fail: '✘', skip: '-' } as const;

/** The checklist: one line per check, and under each ✘ its cause and the command that fixes it. */
export function formatReport(report: DoctorReport): string {
  const lines = [`doctor: stage ${report.stage}${report.kind === undefined ? '' : ` (${report.kind})`}`];
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]} ${check.id}. ${check.name}: ${check.summary}`);
    if (check.status === 'fail') {
      lines.push(...indent('cause: ', check.cause), ...indent('fix:   ', check.fix));
    }
  }
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  lines.push(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped.`);
  return lines.join('\n');
}

function indent(label: string, text: string): string[] {
  return text.split('\n').map((line, i) => `    ${i === 0 ? label : ' '.repeat(label.length)}${line}`);
}
