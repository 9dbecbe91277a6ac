#!/usr/bin/env node
// Sums the Vitest JSON reports under dist/test-results into one plain line: `N passed, M failed`.
// Usage: node tools/scripts/summarize-tests.mjs [--run-failed]
// --run-failed: the test command failed; if no report shows a failure (lint, typecheck or a crashed runner failed),
// count one failure so the line never reads as green.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.cwd(), 'dist/test-results');
let passed = 0;
let failed = 0;
let skipped = 0;
let unreadable = 0;
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch {
    unreadable += 1;
    console.log(`${file.replace(/\.json$/, '').padEnd(24)} report unreadable (counted as 1 failed)`);
    continue;
  }
  const projectFailed = report.numFailedTests + (report.numFailedTests === 0 ? (report.numFailedTestSuites ?? 0) : 0);
  passed += report.numPassedTests;
  failed += projectFailed;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  console.log(`${file.replace(/\.json$/, '').padEnd(24)} ${report.numPassedTests} passed, ${projectFailed} failed`);
}
failed += unreadable;
if (process.argv.includes('--run-failed') && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
