import type { ReactNode } from 'react';
import { Ban, Check, Circle, CircleDashed, X, type LucideIcon } from 'lucide-react';
import { formatPercent, type TraceStep, type TraceStepStatus } from '../../engine';
import { useRevealInDesign } from './useRevealInDesign';

const STATUS: Readonly<Record<TraceStepStatus, { icon: LucideIcon; words: string }>> = {
  matched: { icon: Check, words: 'taken' },
  failed: { icon: X, words: 'failed' },
  skipped: { icon: Ban, words: 'left out' },
  info: { icon: Circle, words: '' },
  unreached: { icon: CircleDashed, words: 'not reached' },
};

/** The facts a step carries beyond its reason: cluster, share, probability, rewrite, endpoints. */
function StepFacts({ step }: { step: TraceStep }) {
  const facts: ReactNode[] = [];
  if (step.share !== undefined) {
    facts.push(
      <span key="share" className="sim-fact sim-fact--share">
        <span className="sim-share-bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, Math.max(0, step.share))}%` }} />
        </span>
        {formatPercent(step.share)}% of requests
      </span>,
    );
  }
  if (step.probability !== undefined) {
    facts.push(
      <span key="probability" className="sim-fact sim-fact--probability">
        probability {formatPercent(step.probability)}%
      </span>,
    );
  }
  if (step.before !== undefined && step.after !== undefined) {
    facts.push(
      <span key="rewrite" className="sim-fact sim-fact--rewrite">
        <code>{step.before}</code>
        <span aria-label="becomes"> → </span>
        <code>{step.after}</code>
      </span>,
    );
  }
  if (step.cluster !== undefined) {
    facts.push(
      <code key="cluster" className="sim-fact sim-fact--cluster">
        {step.cluster}
      </code>,
    );
  }
  if (step.flag !== undefined) {
    facts.push(
      <span key="flag" className="sim-fact sim-fact--flag" title="Envoy response flag">
        {step.flag}
      </span>,
    );
  }
  if (step.workloads !== undefined && step.workloads.length > 0) {
    facts.push(
      <span key="workloads" className="sim-fact sim-fact--workloads">
        {step.workloads.join(' · ')}
      </span>,
    );
  }
  return facts.length === 0 ? null : <div className="sim-facts">{facts}</div>;
}

/** Where a step was decided in the YAML, as `design.yaml:15`. */
export function sourceLabel(step: TraceStep): string | undefined {
  return step.source === undefined ? undefined : `${step.source.file}:${step.source.line}`;
}

/**
 * One step of the trace: its status, title, reason and facts; a step the request did not reach
 * (the engine describes where it would have gone) is dimmed and tagged so. When it is about a node
 * or a place in the YAML, its title is a button that selects the node and reveals the lines that
 * decided it.
 */
export function TraceStepRow({
  step,
  number,
  tags,
}: {
  step: TraceStep;
  number: number;
  tags?: ReactNode;
}) {
  const reveal = useRevealInDesign();
  const { icon: Icon, words } = STATUS[step.status];
  const location = sourceLabel(step);
  const actionable = step.node !== undefined || step.source !== undefined;
  const title = (
    <>
      <span className="sim-step-title">{step.title}</span>
      {location !== undefined && <span className="sim-step-location">{location}</span>}
    </>
  );
  // Spans read together without spaces: the name is spelled out for screen readers.
  const name = `${step.title}${words === '' ? '' : `, ${words}`}${location === undefined ? '' : `, ${location}`}`;
  return (
    <li
      className={`sim-step sim-step--${step.status}`}
      onClick={actionable ? () => reveal(step) : undefined}
    >
      <span className="sim-step-number" aria-hidden="true">
        {number}
      </span>
      <span className="sim-step-icon" aria-hidden="true">
        <Icon size={12} strokeWidth={2.75} />
      </span>
      <div className="sim-step-body">
        <div className="sim-step-head">
          {actionable ? (
            <button
              type="button"
              className="sim-step-button"
              aria-label={name}
              onClick={(event) => {
                event.stopPropagation();
                reveal(step);
              }}
            >
              {title}
            </button>
          ) : (
            <span className="sim-step-button sim-step-button--static">
              {title}
              {words !== '' && <span className="visually-hidden">, {words}</span>}
            </span>
          )}
          {step.status === 'unreached' && (
            <span className="sim-tag" aria-hidden="true">
              not reached
            </span>
          )}
          {tags}
        </div>
        {step.reason !== '' && <p className="sim-step-reason">{step.reason}</p>}
        <StepFacts step={step} />
      </div>
    </li>
  );
}
