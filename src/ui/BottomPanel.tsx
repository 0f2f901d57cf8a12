import { useSailplan } from '../store';
import { ProblemsPanel } from './ProblemsPanel';
import { SimulatorPanel } from './SimulatorPanel';
import { Tabs } from './Tabs';
import { TestsPanel } from './TestsPanel';

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

  return (
    <Tabs
      label="Panels"
      selected={panel}
      onSelect={setPanel}
      tabs={[
        { id: 'simulator', label: 'Simulator', panel: <SimulatorPanel /> },
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
          panel: <TestsPanel />,
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
          panel: <ProblemsPanel />,
        },
      ]}
    />
  );
}
