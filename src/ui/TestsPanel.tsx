import { useRef, useState, type ChangeEvent } from 'react';
import { Download, FileCode, Play, Plus, Upload } from 'lucide-react';
import { parseRouteTests, simulate, type RouteTest } from '../engine';
import { requestToSend, useSailplan, useSailplanStoreApi } from '../store';
import { CoverageList } from './tests/CoverageList';
import { SaveTestForm } from './tests/SaveTestForm';
import { TestRow } from './tests/TestRow';
import { TestsSourceEditor } from './tests/TestsSourceEditor';
import {
  appendRouteTests,
  entriesOf,
  expectationOf,
  removeRouteTest,
  suggestedTestName,
  testNames,
  testRequestOf,
  uniqueTestName,
  type TestsEdit,
} from './tests/testsFile';
import './simulator/panelKit.css';
import './tests/tests.css';

/** Tests read from a file, waiting for the user to say whether they replace or join the design's. */
interface PendingImport {
  readonly fileName: string;
  readonly text: string;
  readonly tests: readonly RouteTest[];
}

function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The Tests panel: the design's route tests (saved with the design), run after every edit, with
 * pass or fail and the difference for each; "Save as test" records the Simulator's request and
 * outcome; import and export as a tests file; the rules no test reaches.
 */
export function TestsPanel() {
  const store = useSailplanStoreApi();
  const tests = useSailplan((state) => state.tests);
  const run = useSailplan((state) => state.testRun);
  const simulation = useSailplan((state) => state.simulation);
  const fileName = useSailplan((state) => state.fileName);
  const stale = useSailplan((state) => state.derived.syntaxErrors > 0);
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const filePicker = useRef<HTMLInputElement>(null);

  const apply = (edit: TestsEdit, done: string) => {
    const { setTests, notify } = store.getState();
    if (!edit.ok) {
      notify('warning', `The tests were not changed: ${edit.reason}.`);
      return false;
    }
    setTests(edit.text);
    notify('success', done);
    return true;
  };

  // The trace a test records is the exact one: a sampled request is traced again without its draw.
  const recordedTrace = () => {
    const state = store.getState();
    if (state.simulation === null) return undefined;
    const { request } = state.simulation;
    return request.draw === undefined
      ? state.simulation.trace
      : simulate(state.lastGood.design, requestToSend(request));
  };
  const saveAsTest = (name: string) => {
    const state = store.getState();
    const trace = recordedTrace();
    if (state.simulation === null || trace === undefined) return;
    const request = requestToSend(state.simulation.request);
    const saved = apply(
      appendRouteTests(state.tests, [
        { name, request: testRequestOf(request), expect: expectationOf(trace) },
      ]),
      `Saved the test “${name}”.`,
    );
    if (saved) setSaving(false);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    const text = await file.text();
    const parsed = parseRouteTests(text, file.name);
    const { notify, setTests } = store.getState();
    if (!parsed.ok) {
      const [first] = parsed.errors;
      notify(
        'error',
        `${file.name} is not a route-test file: ${first === undefined ? 'it has errors' : `line ${first.line}: ${first.message}`}.`,
      );
      return;
    }
    if (run.tests.length === 0 && run.errors.length === 0 && tests.trim() === '') {
      setTests(text);
      notify('success', `Imported ${parsed.tests.length} tests from ${file.name}.`);
      return;
    }
    setPending({ fileName: file.name, text, tests: parsed.tests });
  };

  const finishImport = (how: 'replace' | 'add') => {
    if (pending === null) return;
    const { setTests, notify } = store.getState();
    if (how === 'replace') {
      setTests(pending.text);
      notify(
        'success',
        `Replaced the tests with the ${pending.tests.length} from ${pending.fileName}.`,
      );
    } else {
      apply(
        appendRouteTests(tests, entriesOf(pending.tests, testNames(tests))),
        `Added the ${pending.tests.length} tests from ${pending.fileName}.`,
      );
    }
    setPending(null);
  };

  const showTrace = (test: RouteTest) => {
    const { setRequest, sendRequest, setPanel } = store.getState();
    setRequest({ method: 'GET', ...test.request });
    sendRequest();
    setPanel('simulator');
  };

  const trace = saving ? recordedTrace() : undefined;
  const stem = fileName.replace(/\.[^.]*$/, '');
  const summary = run.pending
    ? 'Running the tests…'
    : run.errors.length > 0
      ? `The tests file has ${run.errors.length} ${run.errors.length === 1 ? 'error' : 'errors'}`
      : run.results.length === 0
        ? 'No tests yet'
        : `${run.passed} passed, ${run.failed} failed`;

  return (
    <div className="tests-panel">
      <div className="panel-toolbar" role="group" aria-label="Route tests">
        <button
          type="button"
          className="button panel-small-button"
          onClick={() => store.getState().runTests()}
          disabled={run.tests.length === 0}
        >
          <Play size={12} aria-hidden="true" />
          Run all
        </button>
        <button
          type="button"
          className="button panel-small-button"
          disabled={simulation === null}
          title={
            simulation === null
              ? 'Send a request in the Simulator first'
              : 'Record the Simulator’s request and its outcome as a test'
          }
          onClick={() => setSaving(true)}
        >
          <Plus size={13} aria-hidden="true" />
          Save as test
        </button>
        <span className="toolbar-separator" aria-hidden="true" />
        <button
          type="button"
          className="button panel-small-button"
          onClick={() => filePicker.current?.click()}
        >
          <Upload size={12} aria-hidden="true" />
          Import…
        </button>
        <button
          type="button"
          className="button panel-small-button"
          disabled={tests.trim() === ''}
          onClick={() => downloadText(tests, `${stem}.tests.yaml`)}
        >
          <Download size={12} aria-hidden="true" />
          Export
        </button>
        <button
          type="button"
          className="button panel-small-button"
          aria-pressed={editing}
          onClick={() => setEditing(!editing)}
        >
          <FileCode size={12} aria-hidden="true" />
          Edit as YAML
        </button>
        <input
          ref={filePicker}
          type="file"
          accept=".yaml,.yml,text/yaml"
          hidden
          aria-label="Tests file to import"
          onChange={(event) => void onFile(event)}
        />
        <span className="panel-toolbar-spacer" />
        <span
          className={`panel-count tests-summary${run.failed > 0 || run.errors.length > 0 ? ' tests-summary--failed' : ''}`}
          role="status"
        >
          {summary}
        </span>
      </div>
      {saving && simulation !== null && trace !== undefined && (
        <SaveTestForm
          suggestedName={uniqueTestName(suggestedTestName(trace), testNames(tests))}
          summary={`${trace.request.method} ${trace.request.url}: ${simulation.highlight.outcome.headline}`}
          onSave={saveAsTest}
          onCancel={() => setSaving(false)}
        />
      )}
      {pending !== null && (
        <div className="tests-import" role="group" aria-label="Import tests">
          <span>
            {pending.fileName} has {pending.tests.length} tests. Replace the design’s{' '}
            {run.tests.length} tests with them, or add them?
          </span>
          <button
            type="button"
            className="button panel-small-button"
            onClick={() => finishImport('replace')}
          >
            Replace
          </button>
          <button
            type="button"
            className="button panel-small-button"
            onClick={() => finishImport('add')}
          >
            Add them
          </button>
          <button
            type="button"
            className="button panel-small-button"
            onClick={() => setPending(null)}
          >
            Cancel
          </button>
        </div>
      )}
      {stale && (
        <p className="panel-note panel-note--warning">
          The YAML has errors: the tests ran against the last valid design.
        </p>
      )}
      {editing && (
        <TestsSourceEditor
          text={tests}
          onApply={(text) => store.getState().setTests(text)}
          onClose={() => setEditing(false)}
        />
      )}
      {run.errors.length > 0 && (
        <ul className="tests-errors" aria-label="Errors in the tests file">
          {run.errors.map((error, index) => (
            <li key={index}>
              <span className="tests-error-place">
                tests.yaml:{error.line}
                {error.field === '' ? '' : ` ${error.field}`}
              </span>{' '}
              {error.message}
            </li>
          ))}
        </ul>
      )}
      <div className="tests-body">
        {run.results.length === 0 ? (
          <p className="tests-empty">
            {run.pending ? (
              'Running the tests…'
            ) : run.errors.length === 0 ? (
              <>
                No route tests yet. Send a request in the Simulator, then <em>Save as test</em> to
                keep its outcome; or import a tests file.
              </>
            ) : (
              'No test runs until the tests file reads: fix the errors above.'
            )}
          </p>
        ) : (
          <ul className="tests-list" aria-label="Route tests">
            {run.results.map((result, index) => (
              <TestRow
                key={`${index}-${result.test.name}`}
                result={result}
                onShowTrace={() => showTrace(result.test)}
                onRemove={() =>
                  apply(removeRouteTest(tests, index), `Removed the test “${result.test.name}”.`)
                }
              />
            ))}
          </ul>
        )}
        <CoverageList results={run.results} />
      </div>
    </div>
  );
}
