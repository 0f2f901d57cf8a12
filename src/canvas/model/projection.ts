import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { Topology, TopologyEdge, TopologyNode, TopologyNodeType } from '../../engine';
import { countRoutesPerRule, describeEdge, type EdgeView } from './edgeView';
import { estimateNodeSize, HANDLE, handleBoxes } from './geometry';
import { NO_PROBLEMS, type ProblemSummary } from './problems';
import { isDeepEqual, keepIfEqual } from './structuralSharing';

/** A position on the canvas. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** What a resource node component draws: the topology node and its problems. */
export type NodeView = {
  readonly node: TopologyNode;
  readonly problems: ProblemSummary;
};

/**
 * A resource node's React Flow data is empty on purpose: the component selects its own view by id
 * (see useNodeView), so a change to one resource re-renders one node.
 */
export type ResourceNodeData = Record<string, never>;

/** A React Flow node standing for a topology node; its type is the topology node type. */
export type ResourceFlowNode = Node<ResourceNodeData, TopologyNodeType>;

/**
 * What a traffic edge draws: its view, and its lane among parallel edges (two subsets of one
 * Service reached from one rule leave and arrive at the same handles, so they are drawn apart).
 */
export type TrafficEdgeData = EdgeView & {
  readonly lane: number;
  readonly lanes: number;
  /** Where along the edge its label sits (see placeEdgeLabels); the middle when absent. */
  readonly labelAt?: number;
  /** How far above (negative) or below the edge the label is nudged. */
  readonly labelDy?: number;
};

/**
 * Edges the canvas leaves out because another edge says the same: a Service's edge to pods that a
 * subset of its DestinationRule already reaches (Service → DestinationRule → subset → pods tells it
 * once, without edges crossing the DestinationRule's column).
 */
export function redundantEdges(topology: Topology): ReadonlySet<string> {
  const subsetTargets = new Map<string, Set<string>>();
  for (const edge of topology.edges) {
    if (edge.type !== 'subset') continue;
    const targets = subsetTargets.get(edge.source) ?? new Set<string>();
    targets.add(edge.target);
    subsetTargets.set(edge.source, targets);
  }
  if (subsetTargets.size === 0) return new Set();
  const coveredByService = new Map<string, Set<string>>();
  for (const edge of topology.edges) {
    if (edge.type !== 'destinationRule' || edge.dangling) continue;
    const targets = subsetTargets.get(edge.source);
    if (targets === undefined) continue;
    const covered = coveredByService.get(edge.target) ?? new Set<string>();
    for (const target of targets) covered.add(target);
    coveredByService.set(edge.target, covered);
  }
  const redundant = new Set<string>();
  for (const edge of topology.edges) {
    if (edge.type === 'selects' && coveredByService.get(edge.source)?.has(edge.target)) {
      redundant.add(edge.id);
    }
  }
  return redundant;
}

/** A React Flow edge standing for a topology edge. */
export type TrafficFlowEdge = Edge<TrafficEdgeData, 'traffic'>;

const EMPTY_DATA: ResourceNodeData = {};

/**
 * Node views by id, reusing the previous view of every node whose topology node and problems are
 * unchanged (deep equality), so identity tells memoised components what changed.
 */
export function buildNodeViews(
  topology: Topology,
  problems: ReadonlyMap<string, ProblemSummary>,
  previous: ReadonlyMap<string, NodeView> | undefined,
): ReadonlyMap<string, NodeView> {
  const views = new Map<string, NodeView>();
  let changed = previous === undefined || previous.size !== topology.nodes.length;
  for (const node of topology.nodes) {
    const before = previous?.get(node.id);
    const nodeValue = keepIfEqual(before?.node, node);
    const problemValue = keepIfEqual(before?.problems, problems.get(node.id) ?? NO_PROBLEMS);
    const view =
      before !== undefined && before.node === nodeValue && before.problems === problemValue
        ? before
        : { node: nodeValue, problems: problemValue };
    if (view !== before) changed = true;
    views.set(node.id, view);
  }
  // Nothing changed: the same map, so that nothing that reads it is redone.
  return changed || previous === undefined ? views : previous;
}

/** The handles an edge is drawn between: the part it leaves from, the port it arrives at. */
export function edgeHandles(
  topology: Topology,
  edge: TopologyEdge,
): { readonly sourceHandle: string; readonly targetHandle: string } {
  if (edge.type === 'destinationRule') {
    // Drawn from the DestinationRule back to its host, which sits to its left.
    return { sourceHandle: HANDLE.policy, targetHandle: HANDLE.policyIn };
  }
  const sourceHandle = edge.sourcePart ?? HANDLE.out;
  if ((edge.type === 'route' || edge.type === 'mirror') && edge.port !== undefined) {
    const target = topology.byId.get(edge.target);
    if (target?.type === 'service') {
      const port = target.ports.find((candidate) => candidate.port === edge.port);
      if (port !== undefined) return { sourceHandle, targetHandle: port.id };
    }
  }
  return { sourceHandle, targetHandle: HANDLE.in };
}

/** What the projection needs besides the topology. */
export interface ProjectionOptions {
  readonly positions: Readonly<Record<string, Point>>;
  /** The selected node, part or edge id. */
  readonly selection: string | null;
  readonly readOnly: boolean;
  /** When set, only these nodes are shown (a focused view of a large design). */
  readonly visible?: ReadonlySet<string>;
  /**
   * The node views (see buildNodeViews): an unchanged resource keeps its view's topology node, so
   * its geometry (and React Flow node) is not rebuilt by an edit elsewhere.
   */
  readonly views?: ReadonlyMap<string, NodeView>;
}

/** The node id a selection belongs to: a part (`key#http/0`) belongs to its node. */
export function selectionNodeOf(selection: string | null): string | null {
  if (selection === null) return null;
  const hash = selection.indexOf('#');
  return hash === -1 ? selection : selection.slice(0, hash);
}

/** Where a node is drawn when it has no position yet (the caller places new nodes first). */
const ORIGIN: Point = { x: 0, y: 0 };

const geometryCache = new WeakMap<
  TopologyNode,
  { readonly width: number; readonly height: number; readonly handles: NodeHandle[] }
>();

/**
 * A node's size and handles before it is drawn. With them React Flow can leave nodes off screen
 * undrawn from the start (it draws every node it cannot place otherwise, to measure it).
 */
export function nodeGeometry(node: TopologyNode) {
  let geometry = geometryCache.get(node);
  if (geometry === undefined) {
    const size = estimateNodeSize(node);
    geometry = {
      ...size,
      handles: handleBoxes(node).map((box) => ({
        id: box.id,
        type: box.type,
        position: box.side === 'left' ? Position.Left : Position.Right,
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
      })),
    };
    geometryCache.set(node, geometry);
  }
  return geometry;
}

/** The topology's nodes as React Flow nodes, in topology order. */
export function toFlowNodes(topology: Topology, options: ProjectionOptions): ResourceFlowNode[] {
  const selectedNode = selectionNodeOf(options.selection);
  const nodes: ResourceFlowNode[] = [];
  for (const node of topology.nodes) {
    if (options.visible !== undefined && !options.visible.has(node.id)) continue;
    const placeholder = node.type === 'missing';
    const geometry = nodeGeometry(options.views?.get(node.id)?.node ?? node);
    nodes.push({
      id: node.id,
      type: node.type,
      position: options.positions[node.id] ?? ORIGIN,
      data: EMPTY_DATA,
      ariaLabel: node.label,
      ariaRole: 'group',
      selected: node.id === selectedNode,
      draggable: !options.readOnly,
      connectable: !options.readOnly && !placeholder,
      deletable: false,
      initialWidth: geometry.width,
      initialHeight: geometry.height,
      handles: geometry.handles,
    });
  }
  return nodes;
}

/**
 * Each edge's lane among the edges between the same two handles, in order, and how many share them.
 * Grouped by the ends' ids (strings the topology already holds), not by a key made per edge: a
 * design of a thousand resources has thousands of edges, and that is redone on every edit.
 */
function lanesOf(
  edges: readonly TopologyEdge[],
  handles: readonly { readonly sourceHandle: string; readonly targetHandle: string }[],
): { readonly lanes: number[]; readonly laneCounts: number[] } {
  const groups = new Map<string, Map<string, number[]>>();
  edges.forEach((edge, index) => {
    let byTarget = groups.get(edge.source);
    if (byTarget === undefined) {
      byTarget = new Map();
      groups.set(edge.source, byTarget);
    }
    const group = byTarget.get(edge.target);
    if (group === undefined) byTarget.set(edge.target, [index]);
    else group.push(index);
  });
  const lanes: number[] = new Array<number>(edges.length).fill(0);
  const laneCounts: number[] = new Array<number>(edges.length).fill(1);
  for (const byTarget of groups.values()) {
    for (const group of byTarget.values()) {
      if (group.length === 1) continue;
      const placed = new Set<number>();
      for (const first of group) {
        if (placed.has(first)) continue;
        const same = group.filter(
          (other) =>
            !placed.has(other) &&
            handles[other]?.sourceHandle === handles[first]?.sourceHandle &&
            handles[other]?.targetHandle === handles[first]?.targetHandle,
        );
        same.forEach((member, lane) => {
          placed.add(member);
          lanes[member] = lane;
          laneCounts[member] = same.length;
        });
      }
    }
  }
  return { lanes, laneCounts };
}

/** What an edge was drawn from, so that the next version can keep it when none of it changed. */
interface EdgeMemoEntry {
  readonly edge: TopologyEdge;
  readonly source: TopologyNode | undefined;
  readonly target: TopologyNode | undefined;
  readonly routes: number | undefined;
  readonly flow: TrafficFlowEdge;
}

/**
 * What `toFlowEdges` remembers between versions: each edge's inputs and the React Flow edge made
 * of them. An edit rebuilds the topology; an edge whose topology edge is equal and whose ends are
 * the same node views keeps its object, and its label and accessible name are not made again.
 */
export interface EdgeMemo {
  byId: ReadonlyMap<string, EdgeMemoEntry>;
}

/** An empty memo for `toFlowEdges`. */
export function createEdgeMemo(): EdgeMemo {
  return { byId: new Map() };
}

/** The topology's edges as React Flow edges, with their labels and accessible names. */
export function toFlowEdges(
  topology: Topology,
  options: Pick<ProjectionOptions, 'selection' | 'visible' | 'views'>,
  memo?: EdgeMemo,
): TrafficFlowEdge[] {
  const routesPerRule = countRoutesPerRule(topology);
  const redundant = redundantEdges(topology);
  const shown = topology.edges.filter(
    (edge) =>
      !redundant.has(edge.id) &&
      (options.visible === undefined ||
        (options.visible.has(edge.source) && options.visible.has(edge.target))),
  );
  const handles = shown.map((edge) => edgeHandles(topology, edge));
  const { lanes, laneCounts } = lanesOf(shown, handles);
  // The node a view drew (the same object while the node is unchanged), else the topology's.
  const nodeOf = (id: string) => options.views?.get(id)?.node ?? topology.byId.get(id);
  const edges: TrafficFlowEdge[] = [];
  const remembered = new Map<string, EdgeMemoEntry>();
  shown.forEach((edge, index) => {
    const lane = lanes[index] ?? 0;
    const laneCount = laneCounts[index] ?? 1;
    const selected = edge.id === options.selection;
    const source = nodeOf(edge.source);
    const target = nodeOf(edge.target);
    const routes = edge.sourcePart === undefined ? undefined : routesPerRule.get(edge.sourcePart);
    const prior = memo?.byId.get(edge.id);
    const { sourceHandle, targetHandle } = handles[index] ?? edgeHandles(topology, edge);
    if (
      prior !== undefined &&
      // A route without its rule counts its rule's destinations over the whole topology.
      (routes !== undefined || edge.type !== 'route') &&
      prior.source === source &&
      prior.target === target &&
      prior.routes === routes &&
      prior.flow.selected === selected &&
      prior.flow.data?.lane === lane &&
      prior.flow.data.lanes === laneCount &&
      prior.flow.sourceHandle === sourceHandle &&
      prior.flow.targetHandle === targetHandle &&
      isDeepEqual(prior.edge, edge)
    ) {
      edges.push(prior.flow);
      remembered.set(edge.id, prior);
      return;
    }
    const view: TrafficEdgeData = {
      ...describeEdge(topology, edge, routesPerRule),
      lane,
      lanes: laneCount,
    };
    const flow: TrafficFlowEdge = {
      id: edge.id,
      type: 'traffic',
      source: edge.source,
      target: edge.target,
      sourceHandle,
      targetHandle,
      data: prior?.flow.data !== undefined ? keepIfEqual(prior.flow.data, view) : view,
      ariaLabel: view.ariaLabel,
      selected,
      deletable: false,
      focusable: true,
      zIndex: selected ? 1 : 0,
    };
    edges.push(flow);
    remembered.set(edge.id, { edge, source, target, routes, flow });
  });
  if (memo !== undefined) memo.byId = remembered;
  return edges;
}
