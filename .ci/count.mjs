#!/usr/bin/env node
// The passed/failed figures of the runners' JSON reports, summed: `node .ci/count.mjs REPORT...` prints
// `PASSED FAILED`. Understands Vitest's json reporter, Playwright's json reporter and the differential test's
// `--json FILE` ({passed, failed}). A report that is missing or unreadable counts 0 (its stage has failed anyway,
// and test-all.sh counts that), with a note on stderr.
import { readFileSync } from 'node:fs';

function figures(report) {
  // Vitest: tests, plus each test file that failed without a failing test (it did not load or run)
  if (typeof report.numPassedTests === 'number') {
    const broken = (report.testResults ?? []).filter(
      (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed'),
    ).length;
    return [report.numPassedTests, report.numFailedTests + broken];
  }
  // Playwright: `expected` are the tests that passed, `unexpected` the ones that failed (as its list reporter says)
  if (report.stats && typeof report.stats.expected === 'number') return [report.stats.expected, report.stats.unexpected];
  // the differential test
  if (typeof report.passed === 'number' && typeof report.failed === 'number') return [report.passed, report.failed];
  return null;
}

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  let f = null;
  try {
    f = figures(JSON.parse(readFileSync(file, 'utf8')));
    if (!f) console.error(`count: ${file}: not a report this script knows`);
  } catch (e) {
    console.error(`count: no report ${file} (${e.code ?? e.message})`);
  }
  if (f) {
    passed += f[0];
    failed += f[1];
  }
}
console.log(`${passed} ${failed}`);
