/** Prints a plain closing line `N passed, N failed, N skipped` for CI log readers. */
export function summaryReporter() {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const walk = (suite) => {
    for (const test of suite?.tests ?? []) {
      if (test.skipped) counts.skipped++;
      else if (test.passed) counts.passed++;
      else counts.failed++;
    }
    for (const child of suite?.suites ?? []) walk(child);
  };
  return {
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        walk(session.testResults);
        // A file that failed to load has no results but errors: count it as a failure.
        if (!session.testResults && session.errors?.length) counts.failed++;
      }
    },
    async stop() {
      console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    },
  };
}
