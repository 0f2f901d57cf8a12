import { useEffect, useId, useMemo, useState } from 'react';
import {
  getViewportForBounds,
  useInternalNode,
  useReactFlow,
  useStoreApi,
  ViewportPortal,
} from '@xyflow/react';
import { ArrowRight, CircleCheck, CircleX, CornerDownRight } from 'lucide-react';
import { useSailplan, type OutcomeDescription, type TraceHighlight } from '../../store';
import { FIT_PADDING } from '../model/fitDrawing';
import { traceDuration, traceHighlightCss } from './traceHighlightCss';
import {
  describeTraceRows,
  TRACE_ROW_DESCRIPTIONS,
  traceRowMarks,
  type TraceRowMark,
} from './traceRowDescriptions';
import './traceOverlay.css';

const TONE_ICONS = {
  delivered: CircleCheck,
  answered: CornerDownRight,
  failed: CircleX,
} as const;

/** Gap between the last node of the path and the outcome below it, in flow units. */
const OUTCOME_GAP = 12;

/** Room the outcome takes below its node, so that bringing the path into view shows it too. */
const OUTCOME_SIZE = { width: 300, height: 52 } as const;

/** Room around the path brought into view: the canvas's floating panels, and a margin. */
const PATH_PADDING = {
  left: `${FIT_PADDING.left + 8}px`,
  top: `${FIT_PADDING.top + 8}px`,
  right: `${FIT_PADDING.right + 8}px`,
  bottom: `${FIT_PADDING.bottom + 8}px`,
} as const;

/** A path already in view at this share of the zoom that would fit it is left where it is. */
const KEEP_ZOOM_SHARE = 0.8;

/**
 * The outcome in plain words, under the node where the request ends: below rather than beside it,
 * the path and its outcome take no more width than the path, and width is what a canvas beside
 * the editor lacks.
 */
function OutcomeCallout({
  end,
  outcome,
  delay,
}: {
  end: string;
  outcome: OutcomeDescription;
  delay: number;
}) {
  const node = useInternalNode(end);
  const setPanel = useSailplan((state) => state.setPanel);
  if (node === undefined) return null;
  const { x, y } = node.internals.positionAbsolute;
  const height = node.measured.height ?? node.height ?? 0;
  const Icon = TONE_ICONS[outcome.tone];
  return (
    <ViewportPortal>
      <button
        type="button"
        className={`sp-trace-outcome sp-trace-outcome--${outcome.tone} nodrag nopan`}
        style={{
          transform: `translate(${x}px, ${y + height + OUTCOME_GAP}px)`,
          animationDelay: `${delay}ms`,
        }}
        aria-label={`Outcome: ${outcome.headline}${outcome.detail === undefined ? '' : `. ${outcome.detail}`}. Show the trace`}
        onClick={() => setPanel('simulator')}
      >
        <ArrowRight className="sp-trace-outcome__arrow" size={14} aria-hidden="true" />
        <Icon size={15} strokeWidth={2.25} aria-hidden="true" />
        <span className="sp-trace-outcome__text">
          <span className="sp-trace-outcome__headline">{outcome.headline}</span>
          {outcome.detail !== undefined && (
            <span className="sp-trace-outcome__detail">{outcome.detail}</span>
          )}
        </span>
      </button>
    </ViewportPortal>
  );
}

/**
 * After a send, brings the path into view, as large as it fits (at most 100%) clear of the
 * canvas's floating panels. A path already in view at about that zoom stays where the user put it.
 */
function useBringPathIntoView(nodes: readonly string[], end: string | null, generation: number) {
  const reactFlow = useReactFlow();
  const store = useStoreApi();
  useEffect(() => {
    if (generation === 0 || nodes.length === 0) return;
    const frame = requestAnimationFrame(() => {
      const drawn = nodes.filter((id) => reactFlow.getInternalNode(id) !== undefined);
      if (drawn.length === 0) return;
      const nodesBounds = reactFlow.getNodesBounds(drawn);
      const endNode = end === null ? undefined : reactFlow.getInternalNode(end);
      const bounds = { ...nodesBounds };
      if (endNode !== undefined) {
        const { x, y } = endNode.internals.positionAbsolute;
        const below = y + (endNode.measured.height ?? 0) + OUTCOME_GAP + OUTCOME_SIZE.height;
        bounds.width = Math.max(bounds.width, x + OUTCOME_SIZE.width - bounds.x);
        bounds.height = Math.max(bounds.height, below - bounds.y);
      }
      const { width, height, minZoom } = store.getState();
      const { x, y, zoom } = reactFlow.getViewport();
      const fitted = getViewportForBounds(bounds, width, height, minZoom, 1, PATH_PADDING);
      // What is in view: the canvas less its floating panels (a node under the palette is hidden).
      const left = (FIT_PADDING.left - x) / zoom;
      const top = (FIT_PADDING.top - y) / zoom;
      const inside =
        bounds.x >= left &&
        bounds.y >= top &&
        bounds.x + bounds.width <= left + (width - FIT_PADDING.left - FIT_PADDING.right) / zoom &&
        bounds.y + bounds.height <= top + (height - FIT_PADDING.top - FIT_PADDING.bottom) / zoom;
      if (inside && zoom >= fitted.zoom * KEEP_ZOOM_SHARE) return;
      void reactFlow.setViewport(fitted, { duration: 300 });
    });
    return () => cancelAnimationFrame(frame);
    // Only a new play of the path moves the view, not a re-render with the same path.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);
}

/**
 * Says in words what the trace's marks on rule rows say in colour: each marked row is described by
 * one of three hidden texts (taken, near miss, missed). Rows drawn later (a node mounted again) are
 * described as they appear; the descriptions go with the trace.
 */
function useTraceRowDescriptions(
  highlight: TraceHighlight | null,
  ids: Readonly<Record<TraceRowMark, string>>,
) {
  const store = useStoreApi();
  useEffect(() => {
    const root = store.getState().domNode;
    if (root === null) return;
    const marks = highlight === null ? new Map<string, TraceRowMark>() : traceRowMarks(highlight);
    describeTraceRows(root, marks, ids);
    if (highlight === null) return;
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => describeTraceRows(root, marks, ids));
    });
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      describeTraceRows(root, new Map(), ids);
    };
  }, [highlight, ids, store]);
}

/**
 * The Simulator's trace drawn over the canvas: the path played in order with the rest dimmed (a
 * style sheet keyed by the ids the canvas already renders) and the outcome beside its last node.
 * Renders nothing while no request has been sent. Lives inside <ReactFlow>.
 */
export function TraceOverlay() {
  const simulation = useSailplan((state) => state.simulation);
  const highlight = simulation?.highlight ?? null;
  const pathKey =
    highlight === null ? '' : `${highlight.nodes.join('|')}>${highlight.edges.join('|')}`;
  // A new send, or a path changed by an edit, plays again; the same path after an edit stays put.
  const [generation, setGeneration] = useState(0);
  const playKey = `${simulation?.serial ?? 0}:${pathKey}`;
  const [playedKey, setPlayedKey] = useState(playKey);
  if (playKey !== playedKey) {
    setPlayedKey(playKey);
    setGeneration(generation + 1);
  }
  const css = useMemo(
    () => (highlight === null ? '' : traceHighlightCss(highlight, generation)),
    [highlight, generation],
  );
  useBringPathIntoView(highlight?.nodes ?? [], highlight?.end ?? null, generation);
  const idBase = useId();
  const descriptionIds = useMemo(
    () => ({
      taken: `${idBase}-taken`,
      nearMiss: `${idBase}-near-miss`,
      missed: `${idBase}-missed`,
    }),
    [idBase],
  );
  useTraceRowDescriptions(highlight, descriptionIds);
  if (highlight === null) return null;
  return (
    <>
      <style data-sp-trace-generation={generation}>{css}</style>
      {(Object.keys(descriptionIds) as TraceRowMark[]).map((mark) => (
        <span key={mark} id={descriptionIds[mark]} hidden>
          {TRACE_ROW_DESCRIPTIONS[mark]}
        </span>
      ))}
      {highlight.end !== null && (
        <OutcomeCallout
          key={generation}
          end={highlight.end}
          outcome={highlight.outcome}
          delay={traceDuration(highlight)}
        />
      )}
    </>
  );
}
