import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Crosshair, Folder, TriangleAlert } from 'lucide-react';
import type { TopologyNodeType } from '../../engine';
import type { NamespaceGroupFlowNode, NamespaceSummaryFlowNode } from '../state/canvasStore';
import { useCanvasStoreApi } from '../state/canvasContext';

/** A namespace's box behind its nodes, when groups are shown; dragging it moves them all. */
export const NamespaceGroupNode = memo(function NamespaceGroupNode({
  data,
}: NodeProps<NamespaceGroupFlowNode>) {
  return (
    <div className="sp-group">
      <div className="sp-group__title">
        <Folder size={13} aria-hidden="true" />
        <span>{data.namespace}</span>
        <span className="sp-group__count">{data.members}</span>
      </div>
    </div>
  );
});

const TYPE_NAMES: Record<TopologyNodeType, [string, string]> = {
  loadBalancer: ['load balancer', 'load balancers'],
  gateway: ['Gateway', 'Gateways'],
  virtualService: ['VirtualService', 'VirtualServices'],
  service: ['Service', 'Services'],
  serviceEntry: ['ServiceEntry', 'ServiceEntries'],
  destinationRule: ['DestinationRule', 'DestinationRules'],
  workload: ['workload', 'workloads'],
  missing: ['missing reference', 'missing references'],
};

const TYPE_TOKENS: Record<TopologyNodeType, string> = {
  loadBalancer: '--kind-lb',
  gateway: '--kind-gateway',
  virtualService: '--kind-virtualservice',
  service: '--kind-service',
  serviceEntry: '--kind-serviceentry',
  destinationRule: '--kind-destinationrule',
  workload: '--kind-workload',
  missing: '--warning',
};

/** A namespace as one node in the namespaces view of a large design, with what it holds. */
export const NamespaceSummaryNode = memo(function NamespaceSummaryNode({
  data,
}: NodeProps<NamespaceSummaryFlowNode>) {
  const canvas = useCanvasStoreApi();
  return (
    <div className="sp-summary">
      <Handle
        type="target"
        position={Position.Left}
        className="sp-handle sp-handle--summary"
        isConnectable={false}
      />
      <header className="sp-summary__header">
        <Folder size={15} aria-hidden="true" />
        <span className="sp-summary__name">{data.namespace}</span>
        {data.problems > 0 && (
          <span className="sp-badge" role="img" aria-label={`${data.problems} problems`}>
            <TriangleAlert size={11} strokeWidth={2.5} aria-hidden="true" />
            {data.problems}
          </span>
        )}
      </header>
      <ul className="sp-summary__counts">
        {data.counts.map(({ type, count }) => (
          <li key={type} style={{ '--kind': `var(${TYPE_TOKENS[type]})` } as CSSProperties}>
            <span className="sp-summary__dot" aria-hidden="true" />
            <span className="sp-summary__count">{count}</span>
            <span>{TYPE_NAMES[type][count === 1 ? 0 : 1]}</span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="sp-summary__open nodrag"
        onClick={() => canvas.getState().focusOn(data.id)}
      >
        <Crosshair size={13} aria-hidden="true" />
        Show its request paths
      </button>
      <Handle
        type="source"
        position={Position.Right}
        className="sp-handle sp-handle--summary"
        isConnectable={false}
      />
    </div>
  );
});
