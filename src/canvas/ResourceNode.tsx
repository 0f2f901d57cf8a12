import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';

/** What a resource node shows. */
export type ResourceNodeData = {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
};

/** A resource on the canvas: kind, namespace and name. */
export const ResourceNode = memo(function ResourceNode({
  data,
}: NodeProps<Node<ResourceNodeData>>) {
  return (
    <div className={`resource-node kind-${data.kind.toLowerCase()}`}>
      <div className="resource-node-kind">{data.kind}</div>
      <div className="resource-node-name">{data.name}</div>
      <div className="resource-node-namespace">{data.namespace}</div>
    </div>
  );
});
