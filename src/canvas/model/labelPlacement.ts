import type { Topology, TopologyNode } from '../../engine';
import type { EdgeChip } from './edgeView';
import { DEFAULT_LABEL_AT, trafficPath, type Side } from './edgeGeometry';
import { HANDLE, HEADER_HEIGHT, NODE_BORDER, rowOffsets, type Size } from './geometry';
import type { Point } from './projection';

/** What label placement needs to know of an edge. */
export interface LabelledEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle?: string | null;
  readonly targetHandle?: string | null;
  readonly data?: {
    readonly chips: readonly EdgeChip[];
    readonly lane: number;
    readonly lanes: number;
  };
}

const LABEL_HEIGHT = 18;
/** Above this many labels, labels stay in the middle of their edges. */
export const MAX_PLACED_LABELS = 400;
const MARGIN = 2;
const CELL = 120;
/**
 * Spots tried for a label, best first: along the edge nearest the middle, then nudged a little
 * above or below it (still reading as the edge's label).
 */
const CANDIDATES: readonly { readonly at: number; readonly dy: number }[] = [
  DEFAULT_LABEL_AT,
  0.4,
  0.6,
  0.3,
  0.7,
  0.22,
  0.78,
]
  .flatMap((at) => [0, -11, 11, -22, 22].map((dy) => ({ at, dy })))
  .sort(
    (a, b) =>
      Math.abs(a.at - 0.5) * 2 +
      Math.abs(a.dy) / 11 -
      (Math.abs(b.at - 0.5) * 2 + Math.abs(b.dy) / 11),
  );

/** Where a label goes: along the edge, and how far above (negative) or below it. */
export interface LabelSpot {
  readonly at: number;
  readonly dy: number;
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * About how wide a label is drawn: one pill with a segment per chip (10.5px bold text, 5px padding
 * each side, a 1px divider between segments, a 1px border).
 */
export function labelWidth(chips: readonly EdgeChip[]): number {
  return chips.reduce(
    (width, chip, index) =>
      width +
      10 +
      chip.text.length * 6.2 +
      (chip.tone === 'warning' ? 13 : 0) +
      (index > 0 ? 1 : 0),
    2,
  );
}

const offsetsCache = new WeakMap<TopologyNode, ReadonlyMap<string, number>>();

function rowOffset(node: TopologyNode, handle: string): number {
  let offsets = offsetsCache.get(node);
  if (offsets === undefined) {
    offsets = rowOffsets(node);
    offsetsCache.set(node, offsets);
  }
  return offsets.get(handle) ?? NODE_BORDER + HEADER_HEIGHT / 2;
}

/** Where a handle is drawn and which side it faces. */
function handlePoint(
  topology: Topology,
  nodeId: string,
  handle: string | null | undefined,
  end: 'source' | 'target',
  positions: Readonly<Record<string, Point>>,
  sizeOf: (id: string) => Size,
): { x: number; y: number; side: Side } | undefined {
  const position = positions[nodeId];
  const node = topology.byId.get(nodeId);
  if (position === undefined || node === undefined) return undefined;
  const size = sizeOf(nodeId);
  const side: Side =
    handle === HANDLE.policy
      ? 'left'
      : handle === HANDLE.policyIn
        ? 'right'
        : end === 'source'
          ? 'right'
          : 'left';
  const y =
    handle !== null && handle !== undefined && handle.includes('#')
      ? rowOffset(node, handle)
      : NODE_BORDER + HEADER_HEIGHT / 2;
  return { x: position.x + (side === 'right' ? size.width : 0), y: position.y + y, side };
}

function cellsOf(box: Box): string[] {
  const cells: string[] = [];
  for (let x = Math.floor(box.left / CELL); x <= Math.floor(box.right / CELL); x += 1) {
    for (let y = Math.floor(box.top / CELL); y <= Math.floor(box.bottom / CELL); y += 1) {
      cells.push(`${x},${y}`);
    }
  }
  return cells;
}

function overlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Where each labelled edge's label goes (along it, 0 at the source and 1 at the target, and a
 * small nudge off it): the spot nearest the middle that covers no node and no label placed before. Edges fanning into one
 * port or out of one rule would otherwise stack their weights and subsets on top of each other.
 */
export function placeEdgeLabels(
  topology: Topology,
  edges: readonly LabelledEdge[],
  positions: Readonly<Record<string, Point>>,
  sizeOf: (id: string) => Size,
): Map<string, LabelSpot> {
  const grid = new Map<string, Box[]>();
  const add = (box: Box) => {
    for (const cell of cellsOf(box)) {
      const boxes = grid.get(cell);
      if (boxes === undefined) grid.set(cell, [box]);
      else boxes.push(box);
    }
  };
  const collisions = (box: Box) => {
    let count = 0;
    const seen = new Set<Box>();
    for (const cell of cellsOf(box)) {
      for (const other of grid.get(cell) ?? []) {
        if (!seen.has(other) && overlap(box, other)) count += 1;
        seen.add(other);
      }
    }
    return count;
  };

  const labelled = edges.filter((edge) => (edge.data?.chips.length ?? 0) > 0);
  // Past a few hundred labels the design is read zoomed out, or in a focused view (where this
  // runs on the few edges shown): the middle of each edge will do, and costs nothing.
  if (labelled.length === 0 || labelled.length > MAX_PLACED_LABELS) return new Map();
  const ends = new Set(labelled.flatMap((edge) => [edge.source, edge.target]));
  for (const [id, position] of Object.entries(positions)) {
    // Only nodes near labelled edges can be in the way; the others need not be indexed.
    if (!ends.has(id) && labelled.length > 50) continue;
    if (!topology.byId.has(id)) continue;
    const size = sizeOf(id);
    add({
      left: position.x,
      top: position.y,
      right: position.x + size.width,
      bottom: position.y + size.height,
    });
  }

  const placed = new Map<string, LabelSpot>();
  for (const edge of labelled) {
    const source = handlePoint(
      topology,
      edge.source,
      edge.sourceHandle,
      'source',
      positions,
      sizeOf,
    );
    const target = handlePoint(
      topology,
      edge.target,
      edge.targetHandle,
      'target',
      positions,
      sizeOf,
    );
    if (source === undefined || target === undefined) continue;
    const width = labelWidth(edge.data?.chips ?? []) + MARGIN * 2;
    let best: { spot: LabelSpot; box: Box; collisions: number } | undefined;
    for (const spot of CANDIDATES) {
      const { at, dy } = spot;
      const { labelX, labelY } = trafficPath({
        sourceX: source.x,
        sourceY: source.y,
        sourcePosition: source.side,
        targetX: target.x,
        targetY: target.y,
        targetPosition: target.side,
        lane: edge.data?.lane ?? 0,
        lanes: edge.data?.lanes ?? 1,
        labelAt: at,
      });
      const box = {
        left: labelX - width / 2,
        right: labelX + width / 2,
        top: labelY + dy - LABEL_HEIGHT / 2 - MARGIN,
        bottom: labelY + dy + LABEL_HEIGHT / 2 + MARGIN,
      };
      const count = collisions(box);
      if (best === undefined || count < best.collisions) best = { spot, box, collisions: count };
      if (count === 0) break;
    }
    if (best === undefined) continue;
    add(best.box);
    placed.set(edge.id, best.spot);
  }
  return placed;
}
