/**
 * Prints one plain closing line, 'N passed, N failed, N skipped', after Vitest's own output,
 * so CI and people read the same count, and above it a line for each optional suite that
 * was skipped (PostgreSQL, browser) saying how to run it. A test file that fails to load
 * counts as failed.
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';
import { describeSkippedSuites } from './suites.ts';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      let tests = 0;
      for (const test of testModule.children.allTests()) {
        tests += 1;
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      if (tests === 0 && testModule.state() === 'failed') failed += 1;
    }
    // A suite left out is said plainly, with how to include it, right above the count.
    for (const line of describeSkippedSuites()) process.stdout.write(`\n${line}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
