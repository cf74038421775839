'use strict';
/**
 * Prints the test count of every project (so the MariaDB suite's count is visible in CI) and ends with the
 * plain line "N passed, N failed" that CI reads.
 */
class CountReporter {
  constructor() {
    this.byProject = new Map();
  }

  onTestResult(test, result) {
    const name = test.context.config.displayName?.name ?? 'default';
    const counts = this.byProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
    counts.passed += result.numPassingTests;
    counts.failed += result.numFailingTests + (result.testExecError ? 1 : 0);
    counts.skipped += result.numPendingTests + result.numTodoTests;
    this.byProject.set(name, counts);
  }

  onRunComplete(_contexts, results) {
    const lines = [...this.byProject.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([name, c]) =>
          `  ${name.padEnd(14)} ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`,
      );
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\nTests by project:\n${lines.join('\n')}\n`);
    process.stdout.write(`${results.numPassedTests} passed, ${failed} failed\n`);
  }
}

module.exports = CountReporter;
