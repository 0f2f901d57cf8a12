import { useMemo } from 'react';
import { Background, Controls, ReactFlow, type Node } from '@xyflow/react';
import type { TopologyNode } from '../engine';
import { useSailplan } from '../store';
import { ResourceNode, type ResourceNodeData } from './ResourceNode';
import { TraceOverlay } from './trace/TraceOverlay';

const nodeTypes = { resource: ResourceNode };

// Left to right, the way traffic flows.
const columns: Record<TopologyNode['type'], number> = {
  loadBalancer: 0,
  gateway: 1,
  virtualService: 2,
  service: 3,
  serviceEntry: 3,
  missing: 3,
  destinationRule: 4,
  workload: 5,
};

interface CanvasProps {
  readonly theme: 'light' | 'dark';
}

/** The design as a graph. */
export function Canvas({ theme }: CanvasProps) {
  const topology = useSailplan((state) => state.lastGood.topology);
  const nodes = useMemo(() => {
    const rows = new Map<number, number>();
    return topology.nodes.map((resource): Node<ResourceNodeData> => {
      const column = columns[resource.type];
      const row = rows.get(column) ?? 0;
      rows.set(column, row + 1);
      return {
        id: resource.id,
        type: 'resource',
        position: { x: column * 260, y: row * 120 },
        ariaLabel: resource.label,
        data: { kind: resource.kind, namespace: resource.namespace, name: resource.name },
      };
    });
  }, [topology]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={[]}
      nodeTypes={nodeTypes}
      colorMode={theme}
      fitView
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={20} />
      <Controls showInteractive={false} />
      <TraceOverlay />
    </ReactFlow>
  );
}
