// Prints one line, `N passed, N failed`, with the totals of every suite that ran: each static gate
// (type-check, lint, format) counts as one check, and Vitest and Playwright count their tests.
import { existsSync, readFileSync } from 'node:fs';

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
let passed = 0;
let failed = 0;

const gates = readJson('test-results/gates.json') ?? [];
for (const { gate, ok } of gates) {
  if (gate === 'test:unit' || gate === 'test:e2e') continue;
  if (ok) passed += 1;
  else failed += 1;
}

const unitGate = gates.find((entry) => entry.gate === 'test:unit');
const unit = unitGate ? readJson('test-results/unit-results.json') : undefined;
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  // A file that fails to load has no tests to count: count it as one failure.
  failed += unit.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
} else if (unitGate && !unitGate.ok) failed += 1;

const e2eGate = gates.find((entry) => entry.gate === 'test:e2e');
const e2e = e2eGate ? readJson('test-results/e2e-results.json') : undefined;
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
} else if (e2eGate && !e2eGate.ok) failed += 1;

if (gates.length === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
