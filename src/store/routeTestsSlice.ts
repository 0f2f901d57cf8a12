import type { StoreApi } from 'zustand/vanilla';
import {
  parseRouteTests,
  runRouteTests,
  type RouteTest,
  type RouteTestError,
  type RouteTestResult,
} from '../engine';
import type { SailplanState } from './createSailplanStore';
import type { Derived } from './derive';

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
function createParser(): (text: string) => Parsed {
  let lastText: string | undefined;
  let lastParsed: Parsed = NO_TESTS;
  return (text) => {
    if (text === lastText) return lastParsed;
    lastText = text;
    if (text.trim() === '') lastParsed = NO_TESTS;
    else {
      const result = parseRouteTests(text, ROUTE_TESTS_FILE);
      lastParsed = result.ok
        ? { tests: result.tests, errors: [] }
        : { tests: [], errors: result.errors };
    }
    return lastParsed;
  };
}

function run(parsed: Parsed, derived: Derived, serial: number): RouteTestRun {
  const results = runRouteTests(derived.design, parsed.tests);
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
    return run(parse(state.tests), state.lastGood, serial);
  };
  return {
    testRun: rerun({ tests: initial.tests, lastGood: initial.derived }),
    runTests: () => set({ testRun: rerun(get()) }),
  };
}

/**
 * Runs the route tests again after every edit of the design (every new good derivation) and every
 * change of the tests text. Returns the unsubscribe.
 */
export function followDesignWithRouteTests(store: StoreApi<SailplanState>): () => void {
  return store.subscribe((state, previous) => {
    if (state.tests !== previous.tests) {
      state.runTests();
      return;
    }
    if (state.lastGood.design === previous.lastGood.design) return;
    // No test to run (none, or a tests text with errors): the run stands for every version, and an
    // edit (a keystroke) sets nothing, so nothing that reads the store runs again for it.
    if (state.testRun.tests.length === 0) return;
    state.runTests();
  });
}
