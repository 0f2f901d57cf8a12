import type { ELK, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import { GROUP_MARGIN } from '../model/views';
import type { LayoutPositions, LayoutRequest } from './layoutRequest';

/** Edge left visible each side of a label between two columns. */
const LABEL_SIDE_ROOM = 24;

const LAYERED: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  // React Flow draws the edges; ELK's routes only need to be cheap.
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': '28',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '8',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  // One layered drawing: columns line up across the whole design, as a traffic map reads.
  'elk.separateConnectedComponents': 'false',
};

/** Small designs: the most careful crossing minimisation, keeping the YAML's order on ties. */
const DETAILED: LayoutOptions = {
  ...LAYERED,
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

// Large designs: measured on a 1,000-node mesh (bench/canvasLayout.ts), model order and the greedy
// switch each cost seconds and one sweep order instead of seven changes the drawing little.
const FAST: LayoutOptions = {
  ...LAYERED,
  'elk.layered.thoroughness': '1',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
};

/**
 * Options for a request. Columns by kind come from INTERACTIVE layering: ELK reads each node's
 * layer from its x, which is its column. ELK's partitioning says the same but costs much more: on
 * a 1,000-node mesh it took ten times the CPU (bench/canvasLayout.ts).
 */
function rootOptions(request: LayoutRequest): LayoutOptions {
  const base = request.detail === 'parts' ? DETAILED : FAST;
  return request.grouped
    ? { ...base, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' }
    : {
        ...base,
        'elk.layered.layering.strategy': 'INTERACTIVE',
        'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
      };
}

/** Horizontal distance between columns in the x that tells ELK a node's layer. */
const COLUMN_STRIDE = 10_000;

const GROUP_BOX: LayoutOptions = {
  'elk.padding': `[top=${GROUP_MARGIN.top},left=${GROUP_MARGIN.side},bottom=${GROUP_MARGIN.bottom},right=${GROUP_MARGIN.side}]`,
};

/** The id of the box ELK lays a namespace's nodes out in. */
function groupBoxId(group: string): string {
  return `group:${group}`;
}

/** Rows of boxes in the order given, about as wide as a screen is (the request's screen, if given). */
const GRID: LayoutOptions = {
  'elk.algorithm': 'rectpacking',
  'elk.aspectRatio': '1.6',
  'elk.spacing.nodeNode': '72',
  'elk.rectpacking.widthApproximation.optimizationGoal': 'ASPECT_RATIO_DRIVEN',
};

/** The ELK graph of a layout request: ports at fixed positions, columns as x for the layering. */
export function toElkGraph(request: LayoutRequest): ElkNode {
  if (request.arrangement === 'grid') {
    return {
      id: 'root',
      layoutOptions:
        request.aspectRatio === undefined
          ? GRID
          : { ...GRID, 'elk.aspectRatio': String(request.aspectRatio) },
      children: request.nodes.map((node) => ({
        id: node.id,
        width: node.width,
        height: node.height,
      })),
    };
  }
  const groups = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: 'root',
    layoutOptions: rootOptions(request),
    children: [],
    edges: request.edges.map((edge) => ({
      id: edge.id,
      sources: [edge.sourcePort],
      targets: [edge.targetPort],
    })),
  };
  for (const node of request.nodes) {
    const elkNode: ElkNode = {
      id: node.id,
      width: node.width,
      height: node.height,
      ...(request.grouped ? {} : { x: node.column * COLUMN_STRIDE, y: 0 }),
      layoutOptions: {
        'elk.portConstraints': request.detail === 'parts' ? 'FIXED_POS' : 'FIXED_SIDE',
      },
      ports: node.ports.map((port) => ({
        id: port.id,
        x: port.side === 'EAST' ? node.width : 0,
        y: port.y,
        width: 0,
        height: 0,
        layoutOptions: { 'elk.port.side': port.side },
      })),
    };
    if (node.group === undefined) {
      root.children?.push(elkNode);
      continue;
    }
    let box = groups.get(node.group);
    if (box === undefined) {
      box = { id: groupBoxId(node.group), layoutOptions: GROUP_BOX, children: [] };
      groups.set(node.group, box);
      root.children?.push(box);
    }
    box.children?.push(elkNode);
  }
  return root;
}

/** Absolute top-left positions of the laid out nodes (children of group boxes included). */
export function positionsFromElk(graph: ElkNode): LayoutPositions {
  const positions: Record<string, { x: number; y: number }> = {};
  const visit = (node: ElkNode, offsetX: number, offsetY: number, isGroup: boolean) => {
    const x = offsetX + (node.x ?? 0);
    const y = offsetY + (node.y ?? 0);
    if (!isGroup) positions[node.id] = { x: Math.round(x), y: Math.round(y) };
    for (const child of node.children ?? []) {
      visit(child, x, y, child.id.startsWith('group:') && (child.children?.length ?? 0) > 0);
    }
  };
  for (const child of graph.children ?? []) {
    visit(child, 0, 0, child.id.startsWith('group:') && (child.children?.length ?? 0) > 0);
  }
  return positions;
}

/** Lays a request out with an ELK instance (in the worker, or in Node for the benchmark). */
export async function layoutWithElk(elk: ELK, request: LayoutRequest): Promise<LayoutPositions> {
  if (request.nodes.length === 0) return {};
  const result = await elk.layout(toElkGraph(request));
  const positions = positionsFromElk(result);
  return request.grouped || request.arrangement === 'grid'
    ? positions
    : widenForLabels(request, positions);
}

/**
 * Moves columns right where the edge labels leaving the column before them (a split's weights and
 * subsets) need more room than ELK's spacing gives: only there, so that a design is no wider than
 * its labels need, and the labels sit between the nodes rather than on them and on each other.
 */
export function widenForLabels(
  request: LayoutRequest,
  positions: LayoutPositions,
): LayoutPositions {
  const room = request.labelRoom;
  if (room === undefined || Object.keys(room).length === 0) return positions;
  const right = new Map<number, number>();
  const left = new Map<number, number>();
  for (const node of request.nodes) {
    const at = positions[node.id];
    if (at === undefined) continue;
    right.set(node.column, Math.max(right.get(node.column) ?? -Infinity, at.x + node.width));
    left.set(node.column, Math.min(left.get(node.column) ?? Infinity, at.x));
  }
  const columns = [...left.keys()].sort((a, b) => a - b);
  const shiftOf = new Map<number, number>();
  let shift = 0;
  let needed = 0;
  columns.forEach((column, index) => {
    const previous = columns[index - 1];
    if (previous !== undefined) {
      const gap = (left.get(column) ?? 0) - (right.get(previous) ?? 0);
      shift += Math.max(0, needed - gap);
      needed = 0;
    }
    shiftOf.set(column, shift);
    const label = room[column];
    if (label !== undefined) needed = Math.max(needed, Math.ceil(label + LABEL_SIDE_ROOM * 2));
  });
  if (shift === 0) return positions;
  const moved: Record<string, { x: number; y: number }> = { ...positions };
  for (const node of request.nodes) {
    const at = positions[node.id];
    const by = shiftOf.get(node.column) ?? 0;
    if (at !== undefined && by > 0) moved[node.id] = { x: at.x + by, y: at.y };
  }
  return moved;
}

/**
 * A synthetic design of about 100 nodes in the canvas's columns, laid out once while the worker
 * is idle: ELK is compiled JavaScript whose first large layout runs cold (a 1,000-node mesh took
 * half as long again the first time in bench/canvasLayout.ts).
 */
export function warmUpRequest(): LayoutRequest {
  const perColumn = [2, 6, 16, 4, 24, 16, 32];
  const nodes: { id: string; width: number; height: number; column: number; ports: [] }[] = [];
  perColumn.forEach((count, column) => {
    for (let index = 0; index < count; index += 1) {
      nodes.push({ id: `n${column}-${index}`, width: 264, height: 110, column, ports: [] });
    }
  });
  const edges: LayoutRequest['edges'][number][] = [];
  perColumn.forEach((count, column) => {
    const next = perColumn[column + 1];
    if (next === undefined) return;
    for (let index = 0; index < Math.max(count, next); index += 1) {
      const source = `n${column}-${index % count}`;
      const target = `n${column + 1}-${(index * 7) % next}`;
      edges.push({
        id: `e${column}-${index}`,
        source,
        sourcePort: source,
        target,
        targetPort: target,
      });
    }
  });
  return { nodes, edges, grouped: false, detail: 'nodes' };
}
