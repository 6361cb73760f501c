// Adds up the JSON reports of the vitest and Playwright runs of `npm test` into one closing line:
// "tests: N passed, N failed, N skipped" (and "N of them passed only on a retry" when any did).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let flaky = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`test-summary: missing report ${file}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    flaky += report.stats.flaky ?? 0;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  } else {
    // vitest
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
const retried = flaky > 0 ? ` (${flaky} of them passed only on a retry: see the e2e report)` : '';
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped${retried}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
