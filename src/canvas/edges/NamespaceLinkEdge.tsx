import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import type { NamespaceLinkFlowEdge } from '../state/canvasStore';
import { trafficPath } from '../model/edgeGeometry';

/**
 * Traffic between two namespaces in the namespaces view, with how many references cross as its
 * label when the view labels it.
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
  const { path, labelX, labelY } = trafficPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  const count = data?.count ?? 0;
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
            className="sp-edge-label"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            aria-hidden="true"
          >
            <span className="sp-edge-pill">
              <span className="sp-edge-chip sp-edge-chip--neutral">
                {count} {count === 1 ? 'reference' : 'references'}
              </span>
            </span>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
