import { useEffect, useId, useMemo, useState } from 'react';
import {
  getViewportForBounds,
  useReactFlow,
  useStore,
  useStoreApi,
  ViewportPortal,
  type InternalNode,
  type ReactFlowState,
} from '@xyflow/react';
import { ArrowRight, CircleCheck, CircleX, CornerDownRight } from 'lucide-react';
import { useSailplan, type OutcomeDescription, type TraceHighlight } from '../../store';
import { FIT_PADDING } from '../model/fitDrawing';
import { outcomeBox, placeOutcome, type Box, type OutcomePlacement } from './outcomePlacement';
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

/** Room around the path brought into view: the canvas's floating panels, and a margin. */
const PATH_PADDING = {
  left: `${FIT_PADDING.left + 8}px`,
  top: `${FIT_PADDING.top + 8}px`,
  right: `${FIT_PADDING.right + 8}px`,
  bottom: `${FIT_PADDING.bottom + 8}px`,
} as const;

/** A path already in view at this share of the zoom that would fit it is left where it is. */
const KEEP_ZOOM_SHARE = 0.8;

function boxOf(node: InternalNode): Box {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? 0, height: node.measured.height ?? 0 };
}

/** Where the outcome of a path ending at `end` goes among the nodes drawn, if `end` is drawn. */
function outcomePlacementIn(
  nodeLookup: ReactFlowState['nodeLookup'],
  end: string,
): OutcomePlacement | null {
  const endNode = nodeLookup.get(end);
  if (endNode === undefined) return null;
  const others: Box[] = [];
  for (const node of nodeLookup.values()) {
    if (node.id !== end && node.hidden !== true) others.push(boxOf(node));
  }
  return placeOutcome(boxOf(endNode), others);
}

const samePlacement = (a: OutcomePlacement | null, b: OutcomePlacement | null) =>
  a === b || (a !== null && b !== null && a.side === b.side && a.x === b.x && a.y === b.y);

/**
 * The outcome in plain words, beside the node where the request ends: below it rather than
 * beside it, so the path and its outcome take no more width than the path (width is what a canvas
 * beside the editor lacks); above or right of it when another node is drawn there.
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
  const placement = useStore((state) => outcomePlacementIn(state.nodeLookup, end), samePlacement);
  const setPanel = useSailplan((state) => state.setPanel);
  if (placement === null) return null;
  const Icon = TONE_ICONS[outcome.tone];
  return (
    <ViewportPortal>
      <button
        type="button"
        className={`sp-trace-outcome sp-trace-outcome--${outcome.tone} sp-trace-outcome--${placement.side} nodrag nopan`}
        style={{
          transform: `translate(${placement.x}px, ${placement.y}px)`,
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
      const bounds = { ...reactFlow.getNodesBounds(drawn) };
      const { width, height, minZoom, nodeLookup } = store.getState();
      // The outcome is part of what comes into view, wherever it sits beside its node.
      const placement = end === null ? null : outcomePlacementIn(nodeLookup, end);
      if (placement !== null) {
        const box = outcomeBox(placement);
        const right = Math.max(bounds.x + bounds.width, box.x + box.width);
        const bottom = Math.max(bounds.y + bounds.height, box.y + box.height);
        bounds.x = Math.min(bounds.x, box.x);
        bounds.y = Math.min(bounds.y, box.y);
        bounds.width = right - bounds.x;
        bounds.height = bottom - bounds.y;
      }
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
