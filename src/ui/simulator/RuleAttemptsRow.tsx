import { ListTree } from 'lucide-react';
import type { RuleAttempt } from './traceItems';
import { TraceStepRow } from './TraceStepRow';

function conditionsHeld(attempt: RuleAttempt): string | undefined {
  if (attempt.held === undefined || attempt.conditions === undefined) return undefined;
  return `${attempt.held} of ${attempt.conditions} ${attempt.conditions === 1 ? 'condition' : 'conditions'} held`;
}

/**
 * The rules a request was tried against before one matched (or none did), each with why it
 * failed, near misses first; the rules left out of the route table come last.
 */
export function RuleAttemptsRow({
  attempts,
  number,
}: {
  attempts: readonly RuleAttempt[];
  number: number;
}) {
  const failed = attempts.filter((attempt) => attempt.status === 'failed').length;
  const skipped = attempts.length - failed;
  const parts = [
    failed > 0 ? `${failed} ${failed === 1 ? 'rule' : 'rules'} tried, no match` : '',
    skipped > 0 ? `${skipped} left out` : '',
  ].filter(Boolean);
  return (
    <li className="sim-step sim-step--attempts">
      <span className="sim-step-number" aria-hidden="true">
        {number}
      </span>
      <span className="sim-step-icon" aria-hidden="true">
        <ListTree size={12} strokeWidth={2.5} />
      </span>
      <div className="sim-step-body">
        <div className="sim-step-head">
          <span className="sim-step-button sim-step-button--static">
            <span className="sim-step-title">{parts.join(', ')}</span>
          </span>
          {attempts.some((attempt) => attempt.nearMiss) && (
            <span className="sim-attempts-hint">near misses first</span>
          )}
        </div>
        <ol className="sim-attempts" aria-label="Rules tried">
          {attempts.map((attempt, index) => {
            const held = conditionsHeld(attempt);
            return (
              <TraceStepRow
                key={attempt.index}
                step={attempt.step}
                number={index + 1}
                tags={
                  <>
                    {attempt.nearMiss && <span className="sim-tag sim-tag--near">near miss</span>}
                    {held !== undefined && <span className="sim-tag">{held}</span>}
                  </>
                }
              />
            );
          })}
        </ol>
      </div>
    </li>
  );
}
