import type { Topology } from '../../engine';
import { layoutColumn } from '../layout/layoutRequest';
import { estimateNodeSize, NODE_WIDTH, type Size } from './geometry';
import type { Point } from './projection';

/** Horizontal distance between a node and the neighbour it is placed beside. */
export const COLUMN_GAP = 120;
/** Vertical distance between nodes stacked in a column. */
export const ROW_GAP = 28;

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

/**
 * The first spot at or below `preferred` (then above it) where a box of `size` overlaps none of
 * `occupied`: new nodes never land on top of what the user arranged.
 */
export function findFreeSpot(preferred: Point, size: Size, occupied: readonly Rect[]): Point {
  const step = ROW_GAP;
  for (let attempt = 0; attempt < 400; attempt += 1) {
    // 0, +1, -1, +2, -2... steps: the nearest free spot on either side.
    const offset = Math.ceil(attempt / 2) * (attempt % 2 === 1 ? 1 : -1) * step;
    const candidate = { x: preferred.x, y: preferred.y + offset };
    const box = { ...candidate, ...size };
    if (!occupied.some((rect) => overlaps(rect, box, ROW_GAP / 2))) return candidate;
  }
  return preferred;
}

/** Distance between the spots tried around a preferred one. */
const SEARCH_STEP = 24;
/** How far (in steps) the search goes from the preferred spot. */
const SEARCH_RINGS = 80;

/**
 * The free spot nearest to `preferred` (in any direction) for a box of `size`, one that overlaps
 * none of `occupied` (kept ROW_GAP / 2 apart) and, when `within` is given and has room, lies
 * inside it: a node added by a click or a drop lands on no other node, and in the part of the
 * canvas the user sees. Without any free spot inside `within`, the nearest free spot anywhere.
 */
export function findFreeSpotNear(
  preferred: Point,
  size: Size,
  occupied: readonly Rect[],
  within?: Rect,
): Point {
  const free = (candidate: Point) =>
    !occupied.some((rect) => overlaps(rect, { ...candidate, ...size }, ROW_GAP / 2));
  const inside = (candidate: Point) =>
    within === undefined ||
    (candidate.x >= within.x &&
      candidate.y >= within.y &&
      candidate.x + size.width <= within.x + within.width &&
      candidate.y + size.height <= within.y + within.height);
  // The preferred spot moved inside `within` first, when it fits there at all.
  const start =
    within === undefined || size.width > within.width || size.height > within.height
      ? preferred
      : {
          x: Math.min(Math.max(preferred.x, within.x), within.x + within.width - size.width),
          y: Math.min(Math.max(preferred.y, within.y), within.y + within.height - size.height),
        };
  let outside: Point | undefined;
  for (let ring = 0; ring <= SEARCH_RINGS; ring += 1) {
    let best: Point | undefined;
    let bestDistance = Infinity;
    for (let dx = -ring; dx <= ring; dx += 1) {
      for (let dy = -ring; dy <= ring; dy += 1) {
        // The ring's edge only: the inside was tried before.
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const candidate = { x: start.x + dx * SEARCH_STEP, y: start.y + dy * SEARCH_STEP };
        const distance = Math.hypot(candidate.x - start.x, candidate.y - start.y);
        if (distance >= bestDistance || !free(candidate)) continue;
        if (!inside(candidate)) {
          outside ??= candidate;
          continue;
        }
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best !== undefined) return best;
    // Every further spot lies outside `within`: the nearest free one found outside it will do.
    const reach = ring * SEARCH_STEP;
    const beyond =
      within !== undefined &&
      start.x - reach <= within.x - size.width &&
      start.y - reach <= within.y - size.height &&
      start.x + reach >= within.x + within.width &&
      start.y + reach >= within.y + within.height;
    if (beyond && outside !== undefined) return outside;
  }
  return outside ?? findFreeSpot(start, size, occupied);
}

/** What placement needs to know about the nodes already drawn. */
export interface PlacementContext {
  readonly positions: Readonly<Record<string, Point>>;
  readonly sizes?: ReadonlyMap<string, Size>;
}

function sizeOf(
  topology: Topology,
  id: string,
  sizes: ReadonlyMap<string, Size> | undefined,
): Size {
  const measured = sizes?.get(id);
  if (measured !== undefined) return measured;
  const node = topology.byId.get(id);
  return node === undefined ? { width: NODE_WIDTH, height: 80 } : estimateNodeSize(node);
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Positions for nodes that have none, next to their neighbours: right of what sends them traffic,
 * left of what they send it to, else in their kind's column below what is there. Nodes that have a
 * position never move (the user's arrangement is kept); new ones avoid overlapping anything.
 */
export function placeNewNodes(
  topology: Topology,
  ids: readonly string[],
  context: PlacementContext,
): Record<string, Point> {
  const { sizes } = context;
  const known: Record<string, Point> = { ...context.positions };
  const placed: Record<string, Point> = {};
  const occupied: Rect[] = [];
  for (const [id, position] of Object.entries(known)) {
    if (topology.byId.has(id)) occupied.push({ ...position, ...sizeOf(topology, id, sizes) });
  }
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const edge of topology.edges) {
    // A DestinationRule is drawn right of its host: treat its edge as leaving the host.
    const [from, to] =
      edge.type === 'destinationRule' ? [edge.target, edge.source] : [edge.source, edge.target];
    incoming.set(to, [...(incoming.get(to) ?? []), from]);
    outgoing.set(from, [...(outgoing.get(from) ?? []), to]);
  }

  const columnX = (column: number): number | undefined => {
    const xs = topology.nodes
      .filter((node) => known[node.id] !== undefined && layoutColumn(node) === column)
      .map((node) => known[node.id]?.x ?? 0);
    return xs.length === 0 ? undefined : Math.min(...xs);
  };
  const bottom = () => Math.max(0, ...occupied.map((rect) => rect.y + rect.height + ROW_GAP * 2));
  const left = () => Math.min(0, ...occupied.map((rect) => rect.x));

  for (const id of ids) {
    const node = topology.byId.get(id);
    if (node === undefined || known[id] !== undefined) continue;
    const size = sizeOf(topology, id, sizes);
    const sources = (incoming.get(id) ?? []).filter((other) => known[other] !== undefined);
    const targets = (outgoing.get(id) ?? []).filter((other) => known[other] !== undefined);
    let preferred: Point;
    if (sources.length > 0) {
      const right = Math.max(
        ...sources.map((other) => (known[other]?.x ?? 0) + sizeOf(topology, other, sizes).width),
      );
      preferred = {
        x: right + COLUMN_GAP,
        y: average(sources.map((other) => known[other]?.y ?? 0)),
      };
    } else if (targets.length > 0) {
      const leftmost = Math.min(...targets.map((other) => known[other]?.x ?? 0));
      preferred = {
        x: leftmost - COLUMN_GAP - size.width,
        y: average(targets.map((other) => known[other]?.y ?? 0)),
      };
    } else {
      const column = layoutColumn(node);
      const x = columnX(column) ?? left() + column * (NODE_WIDTH + COLUMN_GAP);
      preferred = { x, y: bottom() };
    }
    const spot = findFreeSpot(
      { x: Math.round(preferred.x), y: Math.round(preferred.y) },
      size,
      occupied,
    );
    placed[id] = spot;
    known[id] = spot;
    occupied.push({ ...spot, ...size });
  }
  return placed;
}
