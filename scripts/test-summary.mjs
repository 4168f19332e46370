#!/usr/bin/env node
// Prints the plain closing line "N passed, N failed" from vitest's JSON report (written by the
// json reporter configured in vitest.config.ts), so CI logs state the count of tests run.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(new URL('../.vitest/results.json', import.meta.url), 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
if (report.numTotalTests === 0) process.exitCode = 1;
