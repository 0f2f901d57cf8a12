import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import type { NamespaceLinkFlowEdge } from '../state/canvasStore';
import { trafficPath } from '../model/edgeGeometry';

/** Room between a link's label and the namespace it goes into: the arrow head's. */
const LABEL_GAP = 12;
/** From one stacked label to the next. */
const LABEL_STEP = 20;

/**
 * Traffic between two namespaces in the namespaces view, with how many references cross as its
 * label when the view labels it. The label is beside the arrow head, in the gap before the
 * namespace the link goes into: half way along, a link across the grid put it over other boxes.
 */
export const NamespaceLinkEdge = memo(function NamespaceLinkEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
}: EdgeProps<NamespaceLinkFlowEdge>) {
  const { path } = trafficPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  const count = data?.count ?? 0;
  const offset = ((data?.slot ?? 0) - ((data?.slots ?? 1) - 1) / 2) * LABEL_STEP;
  const words = `${count} ${count === 1 ? 'reference' : 'references'}`;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={
          data?.labelled === false
            ? 'sp-edge sp-edge--namespace-quiet'
            : 'sp-edge sp-edge--namespace'
        }
        markerEnd="url(#sp-arrow)"
      />
      {/* Many drawn links go without their label (a portalled element each): the count is in the
          edge's accessible name. */}
      {data?.labelled !== false && (
        <EdgeLabelRenderer>
          <div
            className="sp-edge-label sp-edge-label--namespace"
            style={{
              transform: `translate(-100%, -50%) translate(${targetX - LABEL_GAP}px, ${targetY + offset}px)`,
            }}
            title={words}
            aria-hidden="true"
          >
            <span className="sp-edge-pill">
              <span className="sp-edge-chip sp-edge-chip--neutral">{count}</span>
            </span>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
