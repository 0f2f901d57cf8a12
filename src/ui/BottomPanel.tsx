import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { loadAnalysis, useSailplan } from '../store';
import { Tabs } from './Tabs';

/**
 * A panel whose code loads on demand: the canvas paints without it. Once its code has arrived it
 * renders at once (no fallback for a tab switched to later).
 */
function lazyPanel(load: () => Promise<ComponentType>): {
  readonly Panel: ComponentType;
  readonly load: () => Promise<unknown>;
} {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const loadOnce = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        // Not kept: the panel's error boundary offers to try again, which loads it again.
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => loadOnce().then((component) => ({ default: component })));
  function Panel() {
    const Loaded = loaded;
    return Loaded ? (
      <Loaded />
    ) : (
      <Suspense
        fallback={
          <div className="pane-loading" aria-busy="true">
            Loading…
          </div>
        }
      >
        <Lazy />
      </Suspense>
    );
  }
  return { Panel, load: loadOnce };
}

const simulator = lazyPanel(() =>
  import('./SimulatorPanel').then((module) => module.SimulatorPanel),
);
const tests = lazyPanel(() => import('./TestsPanel').then((module) => module.TestsPanel));
const problems = lazyPanel(() => import('./ProblemsPanel').then((module) => module.ProblemsPanel));

/** Loads every panel's code (after the first paint, so that switching tabs shows it at once). */
export function loadPanels(): Promise<unknown> {
  return Promise.all([simulator.load(), tests.load(), problems.load()]);
}

const ANALYSIS_LOAD_ATTEMPTS = 5;

/** The panel area below the canvas and editor: Simulator, Tests and Problems. */
export function BottomPanel() {
  const panel = useSailplan((state) => state.panel);
  const setPanel = useSailplan((state) => state.setPanel);
  const errors = useSailplan(
    (state) => state.derived.diagnostics.filter((d) => d.level === 'error').length,
  );
  const warnings = useSailplan(
    (state) => state.derived.diagnostics.filter((d) => d.level === 'warning').length,
  );
  // The route tests run after every edit: the tab counts the failures (or the file's errors).
  const failedTests = useSailplan((state) => state.testRun.failed);
  const testFileErrors = useSailplan((state) => state.testRun.errors.length);
  useEffect(() => {
    // A failure shows where it matters: in the panel, when its tab is open.
    loadPanels().catch(() => undefined);
    // The analysis, the route tests and the simulator arrive after the first paint too; until then
    // the panels say they are checking. A failed load is tried again a few times.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) => {
      loadAnalysis().catch(() => {
        if (attempt < ANALYSIS_LOAD_ATTEMPTS) timer = setTimeout(() => load(attempt + 1), 2000);
      });
    };
    load(1);
    return () => clearTimeout(timer);
  }, []);

  return (
    <Tabs
      label="Panels"
      selected={panel}
      onSelect={setPanel}
      tabs={[
        { id: 'simulator', label: 'Simulator', panel: <simulator.Panel /> },
        {
          id: 'tests',
          label: 'Tests',
          badge:
            testFileErrors > 0
              ? {
                  count: testFileErrors,
                  tone: 'warning',
                  description: `${testFileErrors} ${testFileErrors === 1 ? 'error' : 'errors'} in the tests file`,
                }
              : {
                  count: failedTests,
                  tone: 'error',
                  description: `${failedTests} ${failedTests === 1 ? 'failing test' : 'failing tests'}`,
                },
          panel: <tests.Panel />,
        },
        {
          id: 'problems',
          label: 'Problems',
          badge:
            errors > 0
              ? {
                  count: errors,
                  tone: 'error',
                  description: `${errors} ${errors === 1 ? 'error' : 'errors'}`,
                }
              : {
                  count: warnings,
                  tone: 'warning',
                  description: `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`,
                },
          panel: <problems.Panel />,
        },
      ]}
    />
  );
}
