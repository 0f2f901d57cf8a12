import type { StoreApi } from 'zustand/vanilla';
import type { RouteTest, RouteTestError, RouteTestResult } from '../engine';
import { loadedAnalysis, whenAnalysisLoaded, type Analysis } from './analysisLoader';
import type { SailplanState } from './createSailplanStore';
import { withSilenced, type Derived } from './derive';

/** The name route-test errors are reported under (the file a design's tests export to). */
export const ROUTE_TESTS_FILE = 'tests.yaml';

/** The design's route tests, run against the design the canvas shows. */
export interface RouteTestRun {
  /** Problems in the tests text; while there are any, no test runs. */
  readonly errors: readonly RouteTestError[];
  readonly tests: readonly RouteTest[];
  /** One result per test, in file order. */
  readonly results: readonly RouteTestResult[];
  readonly passed: number;
  readonly failed: number;
  /** Increases with every run: after an edit, new tests, or "Run all". */
  readonly serial: number;
  /** The derived version the tests ran on. */
  readonly version: number;
  /**
   * True while the route tests' code has not arrived (the app loads it after the first paint):
   * there are tests to run, none has run yet (`results` is empty, nothing passed or failed).
   */
  readonly pending?: boolean;
}

/** The Tests panel's state: the last run of the design's route tests. */
export interface RouteTestsSlice {
  readonly testRun: RouteTestRun;
  /** Runs every route test again now. */
  readonly runTests: () => void;
}

type SetState = StoreApi<SailplanState>['setState'];
type GetState = StoreApi<SailplanState>['getState'];

type Parsed = { readonly tests: readonly RouteTest[]; readonly errors: readonly RouteTestError[] };

const NO_TESTS: Parsed = { tests: [], errors: [] };

/** Parses the tests text once per text: runs after an edit reuse it. */
function createParser(): (text: string, analysis: Analysis) => Parsed {
  let lastText: string | undefined;
  let lastParsed: Parsed = NO_TESTS;
  return (text, analysis) => {
    if (text === lastText) return lastParsed;
    lastText = text;
    if (text.trim() === '') lastParsed = NO_TESTS;
    else {
      const result = analysis.parseRouteTests(text, ROUTE_TESTS_FILE);
      lastParsed = result.ok
        ? { tests: result.tests, errors: [] }
        : { tests: [], errors: result.errors };
    }
    return lastParsed;
  };
}

function run(parsed: Parsed, derived: Derived, serial: number, analysis: Analysis): RouteTestRun {
  const results = analysis.runRouteTests(derived.design, parsed.tests);
  const failed = results.filter((result) => !result.passed).length;
  return {
    errors: parsed.errors,
    tests: parsed.tests,
    results,
    passed: results.length - failed,
    failed,
    serial,
    version: derived.version,
  };
}

/** The run while the route tests' code is on its way: no tests text means no tests, else pending. */
function pendingRun(tests: string, derived: Derived, serial: number): RouteTestRun {
  return {
    errors: [],
    tests: [],
    results: [],
    passed: 0,
    failed: 0,
    serial,
    version: derived.version,
    ...(tests.trim() === '' ? {} : { pending: true }),
  };
}

/** The route tests' slice, run once at creation over the initial design and tests. */
export function createRouteTestsSlice(
  set: SetState,
  get: GetState,
  initial: { readonly tests: string; readonly derived: Derived },
): RouteTestsSlice {
  const parse = createParser();
  let serial = 0;
  const rerun = (state: Pick<SailplanState, 'tests' | 'lastGood'>) => {
    serial += 1;
    const analysis = loadedAnalysis();
    return analysis === undefined
      ? pendingRun(state.tests, state.lastGood, serial)
      : run(parse(state.tests, analysis), state.lastGood, serial, analysis);
  };
  return {
    testRun: rerun({ tests: initial.tests, lastGood: initial.derived }),
    runTests: () => set({ testRun: rerun(get()) }),
  };
}

/**
 * Runs the route tests again after every edit of the design (every new good derivation) and every
 * change of the tests text. Until the analysis has arrived (the app loads it after the first
 * paint), waits for it: then the diagnostics of the current version are made again with the
 * analysis (see `Derived.analysisPending`) and the tests run. Returns the unsubscribe.
 */
export function followDesignWithRouteTests(store: StoreApi<SailplanState>): () => void {
  let following = true;
  if (loadedAnalysis() === undefined) {
    void whenAnalysisLoaded().then(() => {
      if (!following) return;
      const { derived, lastGood, silenced } = store.getState();
      const nextDerived = derived.analysisPending ? withSilenced(derived, silenced) : derived;
      const nextLastGood =
        lastGood === derived
          ? nextDerived
          : lastGood.analysisPending
            ? withSilenced(lastGood, silenced)
            : lastGood;
      if (nextDerived !== derived || nextLastGood !== lastGood) {
        store.setState({ derived: nextDerived, lastGood: nextLastGood });
      }
      store.getState().runTests();
    });
  }
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.tests !== previous.tests) {
      state.runTests();
      return;
    }
    if (state.lastGood.design === previous.lastGood.design) return;
    // No test to run (none, or a tests text with errors, or not arrived): the run stands for every
    // version, and an edit (a keystroke) sets nothing, so nothing that reads the store runs again
    // for it.
    if (state.testRun.tests.length === 0) return;
    state.runTests();
  });
  return () => {
    following = false;
    unsubscribe();
  };
}
