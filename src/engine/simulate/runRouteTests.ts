import type { OutcomeDifference } from './compareOutcome';
import { compareOutcome } from './compareOutcome';
import type { RouteTest } from './routeTests';
import type { SimulationSubject } from './simulate';
import { simulate } from './simulate';
import type { Trace } from './trace';

/** The result of one route test: its trace and how the outcome differs from `expect`. */
export interface RouteTestResult {
  readonly test: RouteTest;
  readonly trace: Trace;
  readonly differences: readonly OutcomeDifference[];
  readonly passed: boolean;
}

/** Runs route tests against a design (or model), in order. */
export function runRouteTests(
  subject: SimulationSubject,
  tests: readonly RouteTest[],
): RouteTestResult[] {
  return tests.map((test) => {
    const trace = simulate(subject, test.request);
    const differences = compareOutcome(test.expect, trace);
    return { test, trace, differences, passed: differences.length === 0 };
  });
}
