/** Vertical distance between parallel edges at their middle. */
export const LANE_SPACING = 30;

/** Where along an edge its label sits unless that spot is taken (see placeEdgeLabels). */
export const DEFAULT_LABEL_AT = 0.5;

/** The side of a node an edge leaves or enters (React Flow's Position values). */
export type Side = 'left' | 'right' | 'top' | 'bottom';

function direction(side: Side): number {
  if (side === 'left') return -1;
  if (side === 'right') return 1;
  return 0;
}

function cubic(a: number, b: number, c: number, d: number, t: number): number {
  const u = 1 - t;
  return u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
}

/** The endpoints and sides of an edge, its lane among parallel edges, and where its label goes. */
export interface TrafficPathInput {
  readonly sourceX: number;
  readonly sourceY: number;
  readonly sourcePosition: Side;
  readonly targetX: number;
  readonly targetY: number;
  readonly targetPosition: Side;
  readonly lane?: number;
  readonly lanes?: number;
  /** Along the curve, 0 at the source and 1 at the target. */
  readonly labelAt?: number;
}

/**
 * A cubic Bézier leaving and entering horizontally, bowed apart from its parallel edges, and the
 * point where its label goes.
 */
export function trafficPath(input: TrafficPathInput): {
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
} {
  const { sourceX, sourceY, targetX, targetY, lane = 0, lanes = 1 } = input;
  const labelAt = input.labelAt ?? DEFAULT_LABEL_AT;
  const reach = Math.max(Math.abs(targetX - sourceX) / 2, 48);
  const round = (value: number) => Math.round(value * 10) / 10;
  const c1x = sourceX + direction(input.sourcePosition) * reach;
  const c2x = targetX + direction(input.targetPosition) * reach;
  if (lanes <= 1) {
    return {
      path: `M${round(sourceX)},${round(sourceY)} C${round(c1x)},${round(sourceY)} ${round(c2x)},${round(targetY)} ${round(targetX)},${round(targetY)}`,
      labelX: cubic(sourceX, c1x, c2x, targetX, labelAt),
      labelY: cubic(sourceY, sourceY, targetY, targetY, labelAt),
    };
  }
  // Parallel edges (a route and a mirror to one port): each passes through its lane's point in
  // the middle, and leaves and enters level, so that its arrowhead points into the target. Bowed
  // through their control points instead, two short edges crossed into a diamond whose
  // arrowheads pointed sideways, hidden under each other and the handle.
  const offset = (lane - (lanes - 1) / 2) * LANE_SPACING;
  const middle = { x: (sourceX + c1x + c2x + targetX) / 4, y: (sourceY + targetY) / 2 + offset };
  // Short enough to keep each half a smooth S between close nodes.
  const half = Math.max(Math.abs(targetX - sourceX) / 4, 12);
  const m1x = middle.x - half * Math.sign(c1x - sourceX || 1);
  const m2x = middle.x + half * Math.sign(c1x - sourceX || 1);
  const s1 = { x: sourceX + direction(input.sourcePosition) * half, y: sourceY };
  const s2 = { x: targetX + direction(input.targetPosition) * half, y: targetY };
  const [labelX, labelY] =
    labelAt <= 0.5
      ? [
          cubic(sourceX, s1.x, m1x, middle.x, labelAt * 2),
          cubic(sourceY, s1.y, middle.y, middle.y, labelAt * 2),
        ]
      : [
          cubic(middle.x, m2x, s2.x, targetX, labelAt * 2 - 1),
          cubic(middle.y, middle.y, s2.y, targetY, labelAt * 2 - 1),
        ];
  return {
    path:
      `M${round(sourceX)},${round(sourceY)} C${round(s1.x)},${round(s1.y)} ${round(m1x)},${round(middle.y)} ${round(middle.x)},${round(middle.y)}` +
      ` C${round(m2x)},${round(middle.y)} ${round(s2.x)},${round(s2.y)} ${round(targetX)},${round(targetY)}`,
    labelX,
    labelY,
  };
}
