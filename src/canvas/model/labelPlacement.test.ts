import { describe, expect, it } from 'vitest';
import { DESIGNS, topologyOf } from '../testing/designs';
import type { TopologyNode } from '../../engine';
import { estimateNodeSize, NODE_WIDTH, rowOffsets } from './geometry';
import { labelWidth, MAX_PLACED_LABELS, placeEdgeLabels } from './labelPlacement';
import { toFlowEdges } from './projection';
import { trafficPath } from './edgeGeometry';

describe('placeEdgeLabels', () => {
  it('given three routes fanning into one port from two rules, then their labels do not overlap', () => {
    const topology = topologyOf(DESIGNS.bookinfoMesh);
    const positions = {
      'VirtualService/bookinfo/reviews': { x: 0, y: 0 },
      'Service/bookinfo/reviews': { x: NODE_WIDTH + 170, y: 60 },
    };
    const sizeOf = (id: string) => estimateNodeSize(topology.byId.get(id) as never);
    const edges = toFlowEdges(topology, {
      selection: null,
      visible: new Set(Object.keys(positions)),
    });
    expect(edges).toHaveLength(3);
    const spots = placeEdgeLabels(topology, edges, positions, sizeOf);
    expect(spots.size).toBe(3);
    // Rebuild each label's box as the edge component draws it.
    const virtualService = topology.byId.get('VirtualService/bookinfo/reviews') as TopologyNode;
    const service = topology.byId.get('Service/bookinfo/reviews') as TopologyNode;
    const boxes = edges.map((edge) => {
      const spot = spots.get(edge.id);
      const source = positions['VirtualService/bookinfo/reviews'];
      const target = positions['Service/bookinfo/reviews'];
      const { labelX, labelY } = trafficPath({
        sourceX: source.x + NODE_WIDTH,
        sourceY: source.y + (rowOffsets(virtualService).get(edge.sourceHandle ?? '') ?? NaN),
        sourcePosition: 'right',
        targetX: target.x,
        targetY: target.y + (rowOffsets(service).get(edge.targetHandle ?? '') ?? NaN),
        targetPosition: 'left',
        lane: edge.data?.lane ?? 0,
        lanes: edge.data?.lanes ?? 1,
        labelAt: spot?.at ?? 0.5,
      });
      const width = labelWidth(edge.data?.chips ?? []);
      return {
        left: labelX - width / 2,
        right: labelX + width / 2,
        top: labelY + (spot?.dy ?? 0) - 9,
        bottom: labelY + (spot?.dy ?? 0) + 9,
      };
    });
    for (const [index, a] of boxes.entries()) {
      for (const b of boxes.slice(index + 1)) {
        const apart =
          a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        expect(apart).toBe(true);
      }
    }
  });

  it('given edges without chips, then nothing is placed', () => {
    const topology = topologyOf(DESIGNS.seedIngress);
    const edges = toFlowEdges(topology, { selection: null }).filter(
      (edge) => edge.data?.type !== 'loadBalancer',
    );
    expect(placeEdgeLabels(topology, edges, {}, () => ({ width: 264, height: 100 })).size).toBe(0);
  });

  it('given more labels than are worth placing, then they stay in the middle of their edges', () => {
    const topology = topologyOf(DESIGNS.seedIngress);
    const edges = Array.from({ length: MAX_PLACED_LABELS + 1 }, (_, index) => ({
      id: `e${index}`,
      source: 'VirtualService/default/proxy',
      target: 'Service/default/proxy',
      data: { chips: [{ text: '50%', tone: 'weight' as const }], lane: 0, lanes: 1 },
    }));
    const positions = {
      'VirtualService/default/proxy': { x: 0, y: 0 },
      'Service/default/proxy': { x: 500, y: 0 },
    };
    expect(
      placeEdgeLabels(topology, edges, positions, () => ({ width: 264, height: 100 })).size,
    ).toBe(0);
    expect(
      placeEdgeLabels(topology, edges.slice(0, 2), positions, () => ({ width: 264, height: 100 }))
        .size,
    ).toBe(2);
  });
});
