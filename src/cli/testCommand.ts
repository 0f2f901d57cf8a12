import { loadDesign, parseRouteTests, runRouteTests } from '../engine';
import type { Output } from './io';
import { diagnosticPlace, readSources, splitDiagnostics } from './io';

/** `sailplan test FILE... --tests TESTS.yaml`: one line per test, then `N passed, N failed`. */
export function runTest(files: readonly string[], testsPath: string, output: Output): number {
  const sources = readSources(files);
  const [testsSource] = readSources([testsPath]);
  if (testsSource === undefined) return 2;
  const parsed = parseRouteTests(testsSource.text, testsPath);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      const field = error.field === '' ? '' : `${error.field}: `;
      output.err(`${error.file}:${error.line}:${error.column}: ${field}${error.message}`);
    }
    output.err(`sailplan: ${testsPath} is not a valid route-test file`);
    return 2;
  }
  const design = loadDesign(sources);
  const { fatal, other } = splitDiagnostics(design.model.diagnostics);
  for (const diagnostic of fatal)
    output.err(`${diagnosticPlace(diagnostic)}: ${diagnostic.message}`);
  if (fatal.length > 0) {
    output.err('sailplan: the manifests are not valid YAML');
    return 2;
  }
  for (const diagnostic of other) {
    output.err(
      `${diagnostic.level}: ${diagnosticPlace(diagnostic)}: [${diagnostic.code}] ${diagnostic.message}`,
    );
  }
  const results = runRouteTests(design, parsed.tests);
  let passed = 0;
  for (const result of results) {
    if (result.passed) {
      passed += 1;
      output.out(`ok ${result.test.name}`);
      continue;
    }
    output.out(`FAIL ${result.test.name}`);
    for (const difference of result.differences) {
      output.out(
        `    ${difference.key}: expected ${difference.expected}, got ${difference.actual}`,
      );
    }
    output.out(`    (${result.test.file}:${result.test.line}) ${result.trace.summary}`);
  }
  const failed = results.length - passed;
  output.out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
