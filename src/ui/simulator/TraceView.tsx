import { useMemo } from 'react';
import { CircleCheck, CircleX, CornerDownRight, Dices, Eraser, Shuffle } from 'lucide-react';
import { formatDraw, type Trace } from '../../engine';
import { useSailplan } from '../../store';
import { RuleAttemptsRow } from './RuleAttemptsRow';
import { traceItems } from './traceItems';
import { TraceStepRow } from './TraceStepRow';
import { useRevealInDesign } from './useRevealInDesign';

const TONE_ICONS = {
  delivered: CircleCheck,
  answered: CornerDownRight,
  failed: CircleX,
} as const;

/** True when the outcome depends on a random draw: a split, or a fault below 100%. */
function isRandom(trace: Trace): boolean {
  return trace.steps.some(
    (step) =>
      (step.share !== undefined && step.share < 100) ||
      (step.probability !== undefined && step.probability > 0 && step.probability < 100),
  );
}

/** The trace of the request last sent: its outcome, then every step with its reason. */
export function TraceView() {
  const simulation = useSailplan((state) => state.simulation);
  const stale = useSailplan((state) => state.derived.syntaxErrors > 0);
  // With nothing in the design there is nothing to send through, and no ready request to pick.
  const emptyDesign = useSailplan(
    (state) =>
      state.derived.syntaxErrors === 0 &&
      state.derived.design.model.resources.length === 0 &&
      state.derived.design.model.unmodelled.length === 0,
  );
  const sendRequest = useSailplan((state) => state.sendRequest);
  const clearSimulation = useSailplan((state) => state.clearSimulation);
  const reveal = useRevealInDesign();
  const trace = simulation?.trace;
  const items = useMemo(() => (trace === undefined ? [] : traceItems(trace)), [trace]);

  if (simulation === null || trace === undefined) {
    return (
      <div className="sim-trace sim-trace--empty">
        {emptyDesign ? (
          <p className="sim-empty">
            The design is empty: add resources from the palette or in the YAML, then send a request
            through them.
          </p>
        ) : (
          <p className="sim-empty">
            Press <kbd>Send</kbd> (or Enter in a field) to trace the request through the design, or
            pick one of the ready requests.
          </p>
        )}
      </div>
    );
  }
  const { outcome } = simulation.highlight;
  const Icon = TONE_ICONS[outcome.tone];
  // When no rule matched, the rule that came closest says most about why.
  const nearest =
    trace.outcome.flag === 'NR'
      ? items
          .flatMap((item) => (item.type === 'attempts' ? item.attempts : []))
          .find((attempt) => attempt.nearMiss)
      : undefined;
  const draw = simulation.request.draw;
  return (
    <section className="sim-trace" aria-label="Trace">
      <div className={`sim-outcome sim-outcome--${outcome.tone}`}>
        <Icon className="sim-outcome-icon" size={18} strokeWidth={2.25} aria-hidden="true" />
        <div className="sim-outcome-text" role="status">
          <span className="sim-outcome-headline">{outcome.headline}</span>
          {outcome.detail !== undefined && (
            <span className="sim-outcome-detail">{outcome.detail}</span>
          )}
        </div>
        {nearest !== undefined && (
          <button
            type="button"
            className="sim-nearest"
            aria-label={`Nearest miss: ${nearest.step.title}: ${nearest.step.reason}`}
            onClick={() => reveal(nearest.step)}
          >
            <span className="sim-nearest-title">
              <span className="sim-nearest-label">Nearest miss</span> {nearest.step.title}
            </span>
            <span className="sim-nearest-reason">{nearest.step.reason}</span>
          </button>
        )}
        <div className="sim-outcome-actions">
          {draw !== undefined && (
            <span className="sim-tag" title="The random draw this sample used">
              sampled, draw {formatDraw(draw)}
            </span>
          )}
          {(isRandom(trace) || draw !== undefined) && (
            <button
              type="button"
              className="button panel-small-button"
              title="Send one request, drawing its destination and faults with their probabilities"
              onClick={() => sendRequest(Math.random())}
            >
              <Dices size={13} aria-hidden="true" />
              Sample
            </button>
          )}
          {draw !== undefined && (
            <button
              type="button"
              className="button panel-small-button"
              title="Trace the request again with every destination of the split"
              onClick={() => sendRequest()}
            >
              <Shuffle size={13} aria-hidden="true" />
              All outcomes
            </button>
          )}
          <button
            type="button"
            className="button button-icon panel-icon-button"
            aria-label="Clear the trace"
            title="Clear the trace"
            onClick={clearSimulation}
          >
            <Eraser size={14} aria-hidden="true" />
          </button>
        </div>
      </div>
      {draw !== undefined && (
        <p className="panel-note">
          A sample: one request, its destination and faults drawn with their probabilities; this
          trace and the canvas show that request only. Press All outcomes (or send again) to see the
          whole split.
        </p>
      )}
      {stale && (
        <p className="panel-note panel-note--warning">
          The YAML has errors: this is the trace through the last valid design.
        </p>
      )}
      <p className="sim-summary">
        <span className="sim-summary-request">
          {trace.request.method} {trace.request.url}
        </span>{' '}
        from {trace.request.from}
        {trace.request.port === null ? '' : `, port ${trace.request.port}`}
      </p>
      <ol className="sim-steps" aria-label="Trace steps">
        {items.map((item, position) =>
          item.type === 'step' ? (
            <TraceStepRow key={item.index} step={item.step} number={position + 1} />
          ) : (
            <RuleAttemptsRow
              key={`attempts-${item.attempts[0]?.index ?? position}`}
              attempts={item.attempts}
              number={position + 1}
            />
          ),
        )}
      </ol>
    </section>
  );
}
