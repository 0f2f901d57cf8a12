import { Check, Route, Trash2, X } from 'lucide-react';
import type { RouteTestResult } from '../../engine';

function fromText(result: RouteTestResult): string {
  const from = result.test.request.from;
  return from === undefined || from === 'ingress'
    ? 'from the internet'
    : Object.keys(from.labels).length === 0
      ? `from a workload in ${from.namespace}`
      : `from ${from.namespace} (${Object.entries(from.labels)
          .map(([name, value]) => `${name}=${value}`)
          .join(', ')})`;
}

/** A value of the comparison as people read it: the tests file's `null` is "none". */
function shown(value: string): string {
  return value === 'null' ? 'none' : value;
}

/**
 * One route test: passed or failed, its request, and for a failure what differs and how the
 * request ends now (a status it does not expect may be a 503 NC the keys alone do not say).
 */
export function TestRow({
  result,
  onShowTrace,
  onRemove,
}: {
  result: RouteTestResult;
  onShowTrace: () => void;
  onRemove: () => void;
}) {
  const { test, passed, differences } = result;
  const Icon = passed ? Check : X;
  return (
    <li className={`tests-row tests-row--${passed ? 'passed' : 'failed'}`}>
      <span className="tests-row-icon" aria-hidden="true">
        <Icon size={12} strokeWidth={3} />
      </span>
      <div className="tests-row-body">
        <div className="tests-row-head">
          <span className="tests-row-name">{test.name}</span>
          <span className="visually-hidden">{passed ? ', passed' : ', failed'}</span>
          <span className="tests-row-request">
            {test.request.method ?? 'GET'} {test.request.url}
          </span>
          <span className="tests-row-from">{fromText(result)}</span>
          <span className="panel-toolbar-spacer" />
          <button
            type="button"
            className="button panel-small-button tests-row-action"
            aria-label={`Trace “${test.name}” in the Simulator`}
            title="Trace this request in the Simulator"
            onClick={onShowTrace}
          >
            <Route size={12} aria-hidden="true" />
            Trace
          </button>
          <button
            type="button"
            className="button button-icon panel-icon-button tests-row-action"
            aria-label={`Remove the test “${test.name}”`}
            title="Remove the test"
            onClick={onRemove}
          >
            <Trash2 size={13} aria-hidden="true" />
          </button>
        </div>
        {!passed && (
          <table className="tests-diff" aria-label={`What differs in “${test.name}”`}>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Expected</th>
                <th scope="col">Actual</th>
              </tr>
            </thead>
            <tbody>
              {differences.map((difference) => (
                <tr key={difference.key}>
                  <th scope="row">{difference.key}</th>
                  <td className="tests-diff-expected">{shown(difference.expected)}</td>
                  <td className="tests-diff-actual">{shown(difference.actual)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!passed && <p className="tests-row-ending">Now: {result.trace.summary}</p>}
      </div>
    </li>
  );
}
