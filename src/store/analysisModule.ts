import { analyze, parseRouteTests, runRouteTests, simulate } from '../engine';

/**
 * The engine's checking side as the page uses it: the analyzer, the route tests and the simulator.
 * In the app's build this module is a chunk of its own, loaded after the first paint
 * (`loadAnalysis`); the CLI, the workers and the tests have it from the start.
 */
export interface Analysis {
  readonly analyze: typeof analyze;
  readonly parseRouteTests: typeof parseRouteTests;
  readonly runRouteTests: typeof runRouteTests;
  readonly simulate: typeof simulate;
}

/** The analyzer, the route tests and the simulator. */
export const analysis: Analysis = { analyze, parseRouteTests, runRouteTests, simulate };
