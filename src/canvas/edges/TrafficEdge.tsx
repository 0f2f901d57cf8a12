import { memo, type CSSProperties } from 'react';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { TriangleAlert } from 'lucide-react';
import { useSailplan } from '../../store';
import type { TrafficFlowEdge } from '../model/projection';
import { useCanvas } from '../state/canvasContext';
import { trafficPath } from '../model/edgeGeometry';
import { useEdgeLabelsShown } from './edgeDetail';

function markerFor(data: TrafficFlowEdge['data'], selected: boolean): string {
  if (selected) return 'url(#sp-arrow-selected)';
  if (data?.dangling) return 'url(#sp-arrow-warning)';
  if (data?.type === 'mirror') return 'url(#sp-arrow-mirror)';
  if (data?.type === 'route' || data?.type === 'delegate' || data?.type === 'binding') {
    return 'url(#sp-arrow)';
  }
  return 'url(#sp-arrow-muted)';
}

/** Stroke width of a route or mirror: the share of the rule's traffic it carries. */
function strokeWidth(data: TrafficFlowEdge['data']): number | undefined {
  if (data?.percent === undefined) return undefined;
  return 1.25 + (Math.max(0, Math.min(100, data.percent)) / 100) * 1.75;
}

/**
 * An edge of the design: a Bézier from the part it leaves (a server, a rule, a subset) to where it
 * arrives, with its weight, subset or port mapping as chips. Mirrors are dashed, delegates dotted,
 * dangling references drawn in the warning colour with their reason on hover, focus or selection.
 */
export const TrafficEdge = memo(function TrafficEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected = false,
}: EdgeProps<TrafficFlowEdge>) {
  const highlighted = useCanvas((state) => state.highlightedEdge === id);
  const highlightEdge = useCanvas((state) => state.highlightEdge);
  const select = useSailplan((state) => state.select);
  const labelsShown = useEdgeLabelsShown();
  const { path, labelX, labelY } = trafficPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
    lane: data?.lane ?? 0,
    lanes: data?.lanes ?? 1,
    ...(data?.labelAt === undefined ? {} : { labelAt: data.labelAt }),
  });
  const width = strokeWidth(data);
  const classes = [
    'sp-edge',
    `sp-edge--${data?.type ?? 'route'}`,
    data?.dangling ? 'sp-edge--dangling' : '',
    highlighted ? 'sp-edge--highlighted' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const showReason = data?.reason !== undefined && (highlighted || selected);
  // Zoomed far out, the chips are too small to read: only a reason asked for is drawn.
  const chips = labelsShown ? (data?.chips ?? []) : [];
  const style: CSSProperties | undefined = width === undefined ? undefined : { strokeWidth: width };

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes}
        style={style}
        markerEnd={markerFor(data, selected)}
        interactionWidth={18}
      />
      {(chips.length > 0 || showReason) && (
        <EdgeLabelRenderer>
          <div
            className={`sp-edge-label nodrag nopan${selected ? ' sp-edge-label--selected' : ''}${
              highlighted ? ' sp-edge-label--highlighted' : ''
            }`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY + (data?.labelDy ?? 0)}px)`,
            }}
            onClick={(event) => {
              select({ id, origin: 'canvas' });
              // The edge takes the focus, as a click on its line gives it: Delete then reaches it.
              const edge = event.currentTarget.ownerDocument.querySelector(
                `.react-flow__edge[data-id="${CSS.escape(id)}"]`,
              );
              if (edge instanceof SVGElement) edge.focus();
            }}
            onMouseEnter={() => highlightEdge(id)}
            onMouseLeave={() => highlightEdge(null)}
          >
            {chips.length > 0 && (
              // The edge's accessible name already says what the chips show.
              <span className="sp-edge-pill" aria-hidden="true">
                {chips.map((chip) => (
                  <span
                    key={`${chip.tone}-${chip.text}`}
                    className={`sp-edge-chip sp-edge-chip--${chip.tone}`}
                  >
                    {chip.tone === 'warning' && <TriangleAlert size={10} strokeWidth={2.5} />}
                    {chip.text}
                  </span>
                ))}
              </span>
            )}
            {showReason && (
              <div className="sp-edge-reason" role="tooltip">
                {data?.reason}
              </div>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
