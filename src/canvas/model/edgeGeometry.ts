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
  // Control points 4/3 further than the wanted bow, since a cubic's middle reaches 3/4 of them.
  const bow = ((lane - (lanes - 1) / 2) * LANE_SPACING * 4) / 3;
  const c1x = sourceX + direction(input.sourcePosition) * reach;
  const c1y = sourceY + bow;
  const c2x = targetX + direction(input.targetPosition) * reach;
  const c2y = targetY + bow;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    path: `M${round(sourceX)},${round(sourceY)} C${round(c1x)},${round(c1y)} ${round(c2x)},${round(c2y)} ${round(targetX)},${round(targetY)}`,
    labelX: cubic(sourceX, c1x, c2x, targetX, labelAt),
    labelY: cubic(sourceY, c1y, c2y, targetY, labelAt),
  };
}
