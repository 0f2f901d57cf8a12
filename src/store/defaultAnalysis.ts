import { analyze, parseRouteTests, runRouteTests, simulate } from '../engine';
import type { Analysis } from './analysisModule';

// The analysis the store starts with: there from the first call in the tests, the benchmarks and
// the derive worker. The app's build replaces this module with one that has none
// (scripts/analysisOnDemand.ts), so that the analyzer, the route tests and the simulator load after
// the canvas has painted (loadAnalysis).
/** The analyzer alone (all the derive worker needs), or `undefined` where it loads on demand. */
export const defaultAnalyzer: Analysis['analyze'] | undefined = analyze;
/** The analysis as the store finds it when it starts, or `undefined` where it loads on demand. */
export const defaultAnalysis: Analysis | undefined = {
  analyze,
  parseRouteTests,
  runRouteTests,
  simulate,
};
