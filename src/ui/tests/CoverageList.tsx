import { useMemo } from 'react';
import type { RouteTestResult } from '../../engine';
import { useSailplan } from '../../store';
import { useRevealInDesign } from '../simulator/useRevealInDesign';
import { ruleCoverage } from './coverage';

/** Which VirtualService rules no test reaches, each a button that shows the rule. */
export function CoverageList({ results }: { results: readonly RouteTestResult[] }) {
  const topology = useSailplan((state) => state.lastGood.topology);
  const reveal = useRevealInDesign();
  const coverage = useMemo(() => ruleCoverage(topology, results), [topology, results]);
  const total = coverage.reached.length + coverage.unreached.length;
  if (total === 0) return null;
  return (
    <section className="tests-coverage" aria-label="Coverage">
      <h3 className="panel-heading">Coverage</h3>
      <p className="tests-coverage-summary">
        <meter
          className="tests-coverage-meter"
          min={0}
          max={total}
          value={coverage.reached.length}
          aria-label="Rules reached by a test"
        />
        {coverage.reached.length} of {total} rules reached by a test
      </p>
      {coverage.unreached.length > 0 && (
        <>
          <p className="tests-coverage-caption">No test reaches:</p>
          <ul className="tests-coverage-list" aria-label="Rules no test reaches">
            {coverage.unreached.map((rule) => (
              <li key={rule.id}>
                <button
                  type="button"
                  className="tests-coverage-rule"
                  onClick={() => reveal({ node: rule.id })}
                >
                  {rule.label}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
