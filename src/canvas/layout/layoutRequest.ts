import type { Topology, TopologyEdge, TopologyNode } from '../../engine';
import { HANDLE } from '../model/geometry';
import { countRoutesPerRule, describeEdge } from '../model/edgeView';
import { labelWidth } from '../model/labelPlacement';
import { edgeHandles, redundantEdges } from '../model/projection';
import {
  estimateNodeSize,
  HEADER_HEIGHT,
  NODE_BORDER,
  rowOffsets,
  type Size,
} from '../model/geometry';

/** A port of a layout node: where an edge is attached, on the left (WEST) or right (EAST) side. */
export interface LayoutPort {
  readonly id: string;
  readonly side: 'WEST' | 'EAST';
  /** Distance from the node's top. */
  readonly y: number;
}

/** A node to lay out. */
export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** The column it belongs in, left to right: LoadBalancer 0 ... workloads 6. */
  readonly column: number;
  readonly ports: readonly LayoutPort[];
  /** The group it is drawn in (a namespace), when groups are shown. */
  readonly group?: string;
}

/** An edge to lay out, always drawn left to right. */
export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
}

/** Everything the layout worker needs: plain data, so it crosses postMessage. */
export interface LayoutRequest {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  /** Lay the nodes out inside one box per group (namespace). */
  readonly grouped: boolean;
  /**
   * `parts`: every edge at the row it leaves from, for the fewest crossings. `nodes`: one edge per
   * pair of connected nodes, for speed on large designs (see DETAILED_LAYOUT_LIMIT).
   */
  readonly detail: 'parts' | 'nodes';
  /**
   * `flow` (the default): layered left to right. `grid`: rows in the order given, for the
   * namespaces view, where a layered drawing of teams calling each other grows very wide.
   */
  readonly arrangement?: 'flow' | 'grid';
  /** For a grid: the width over the height it should have, the screen's (1.6 if not given). */
  readonly aspectRatio?: number;
  /**
   * The widest edge label (a weight and subset, a port mapping) leaving each column, in px, by the
   * column's number: the next column is kept far enough to its right for the label to sit between
   * them. Detailed layouts only.
   */
  readonly labelRoom?: Readonly<Record<number, number>>;
}

/**
 * Up to this many nodes the layout attaches edges to the rows they leave from. Above it, ELK's
 * cost grows with the thousands of rule edges (a 1,000-node mesh has about 4,000), so edges are
 * merged per pair of nodes and subset and mirror edges, which repeat what selects and route edges
 * already say about closeness, are left out.
 */
export const DETAILED_LAYOUT_LIMIT = 250;

/** Edges the node-level layout leaves out: their ends are already tied by other edges. */
const REDUNDANT_IN_NODE_LAYOUT: ReadonlySet<TopologyEdge['type']> = new Set(['subset', 'mirror']);

/** A laid out position for each node id (top-left corner, absolute). */
export type LayoutPositions = Readonly<Record<string, { readonly x: number; readonly y: number }>>;

/** The column of a node: traffic flows left to right through them. */
export function layoutColumn(node: TopologyNode): number {
  switch (node.type) {
    case 'loadBalancer':
      return 0;
    case 'gateway':
      return 1;
    case 'virtualService':
      return node.delegate ? 3 : 2;
    case 'service':
    case 'serviceEntry':
      return 4;
    case 'destinationRule':
      return 5;
    case 'workload':
      return 6;
    case 'missing':
      return node.missingKind === 'Gateway' ? 1 : node.missingKind === 'VirtualService' ? 3 : 4;
    default: {
      const unexpected: never = node;
      throw new Error(`Unexpected node ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The port id of a handle of a node, unique in the whole graph. */
export function layoutPortId(nodeId: string, handle: string): string {
  return handle.includes('#') ? `${handle}::port` : `${nodeId}::${handle}`;
}

/** What to lay out. */
export interface LayoutRequestOptions {
  /** Measured sizes by node id; nodes not measured yet are estimated. */
  readonly sizes?: ReadonlyMap<string, Size>;
  /** Only these nodes (a focused view); all when absent. */
  readonly visible?: ReadonlySet<string>;
  readonly grouped?: boolean;
}

/**
 * The layout request for a topology: nodes with their sizes and the ports their edges use (at the
 * height of the row they leave from, so that the layout orders nodes the way edges are drawn), and
 * edges left to right (a DestinationRule's edge to its host is drawn from the host's side).
 */
export function toLayoutRequest(
  topology: Topology,
  options: LayoutRequestOptions = {},
): LayoutRequest {
  const { sizes, visible, grouped = false } = options;
  const shown = (id: string) => visible === undefined || visible.has(id);
  const shownCount =
    visible === undefined
      ? topology.nodes.length
      : topology.nodes.filter((node) => shown(node.id)).length;
  const detail = shownCount <= DETAILED_LAYOUT_LIMIT ? 'parts' : 'nodes';
  const connected = new Set<string>();
  const ports = new Map<string, Map<string, LayoutPort>>();
  const offsets = new Map<string, ReadonlyMap<string, number>>();
  const headerMiddle = NODE_BORDER + HEADER_HEIGHT / 2;

  const addPort = (nodeId: string, handle: string, side: LayoutPort['side']): string => {
    const id = layoutPortId(nodeId, handle);
    let nodePorts = ports.get(nodeId);
    if (nodePorts === undefined) {
      nodePorts = new Map();
      ports.set(nodeId, nodePorts);
    }
    if (!nodePorts.has(id)) {
      let y = headerMiddle;
      if (handle.includes('#')) {
        const node = topology.byId.get(nodeId);
        let nodeOffsets = offsets.get(nodeId);
        if (nodeOffsets === undefined && node !== undefined) {
          nodeOffsets = rowOffsets(node);
          offsets.set(nodeId, nodeOffsets);
        }
        y = nodeOffsets?.get(handle) ?? headerMiddle;
      }
      nodePorts.set(id, { id, side, y });
    }
    return id;
  };

  const edges: LayoutEdge[] = [];
  const redundant = redundantEdges(topology);
  for (const edge of topology.edges) {
    if (!shown(edge.source) || !shown(edge.target) || redundant.has(edge.id)) continue;
    const handles = edgeHandles(topology, edge);
    let { sourceHandle, targetHandle } = handles;
    if (detail === 'nodes') {
      if (REDUNDANT_IN_NODE_LAYOUT.has(edge.type)) continue;
      const pair = `${edge.source}\n${edge.target}`;
      if (connected.has(pair)) continue;
      connected.add(pair);
      if (edge.type !== 'destinationRule') {
        sourceHandle = HANDLE.out;
        targetHandle = HANDLE.in;
      }
    } else {
      // Parallel edges between the same two ports (two subsets of one Service) say nothing more.
      const pair = `${edge.source}\n${sourceHandle}\n${edge.target}\n${targetHandle}`;
      if (connected.has(pair)) continue;
      connected.add(pair);
    }
    if (edge.type === 'destinationRule') {
      edges.push({
        id: edge.id,
        source: edge.target,
        sourcePort: addPort(edge.target, targetHandle, 'EAST'),
        target: edge.source,
        targetPort: addPort(edge.source, sourceHandle, 'WEST'),
      });
      continue;
    }
    edges.push({
      id: edge.id,
      source: edge.source,
      sourcePort: addPort(edge.source, sourceHandle, 'EAST'),
      target: edge.target,
      targetPort: addPort(edge.target, targetHandle, 'WEST'),
    });
  }

  const nodes: LayoutNode[] = [];
  for (const node of topology.nodes) {
    if (!shown(node.id)) continue;
    const size = sizes?.get(node.id) ?? estimateNodeSize(node);
    nodes.push({
      id: node.id,
      width: size.width,
      height: size.height,
      column: layoutColumn(node),
      ports: [...(ports.get(node.id)?.values() ?? [])],
      ...(grouped && node.namespace !== '' ? { group: node.namespace } : {}),
    });
  }
  if (detail === 'nodes') return { nodes, edges, grouped, detail };
  // The labels of the edges drawn between the columns (a split's weights and subsets): the widest
  // decides how far apart the columns are, or they are drawn over the nodes and each other.
  const routesPerRule = countRoutesPerRule(topology);
  const labelRoom: Record<number, number> = {};
  for (const edge of topology.edges) {
    if (!shown(edge.source) || !shown(edge.target)) continue;
    const { chips } = describeEdge(topology, edge, routesPerRule);
    // A DestinationRule's edge is drawn from its host's side.
    const from = topology.byId.get(edge.type === 'destinationRule' ? edge.target : edge.source);
    if (chips.length === 0 || from === undefined) continue;
    const column = layoutColumn(from);
    labelRoom[column] = Math.max(labelRoom[column] ?? 0, labelWidth(chips));
  }
  return { nodes, edges, grouped, detail, labelRoom };
}
