/** A box on the canvas, in flow coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where the outcome sits beside the node the request ends at. */
export type OutcomeSide = 'below' | 'above' | 'right';

export interface OutcomePlacement {
  readonly side: OutcomeSide;
  readonly x: number;
  readonly y: number;
}

/** Gap between the last node of the path and its outcome, in flow units. */
export const OUTCOME_GAP = 12;

/** The room the outcome takes (its widest, two lines), in flow units. */
export const OUTCOME_SIZE = { width: 300, height: 52 } as const;

function meets(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function contains(outer: Box, inner: Box): boolean {
  return (
    outer.x <= inner.x &&
    outer.y <= inner.y &&
    outer.x + outer.width >= inner.x + inner.width &&
    outer.y + outer.height >= inner.y + inner.height
  );
}

/**
 * The outcome's place: below its node, where the path's eye ends; above it when a node is drawn
 * below; right of it when both are taken; below when every side is (it is drawn over the canvas).
 * Boxes that hold the end node (a namespace's group) are not in the way.
 */
export function placeOutcome(end: Box, others: readonly Box[]): OutcomePlacement {
  const obstacles = others.filter((box) => !contains(box, end) && !contains(end, box));
  const candidates: OutcomePlacement[] = [
    { side: 'below', x: end.x, y: end.y + end.height + OUTCOME_GAP },
    { side: 'above', x: end.x, y: end.y - OUTCOME_GAP - OUTCOME_SIZE.height },
    { side: 'right', x: end.x + end.width + OUTCOME_GAP, y: end.y },
  ];
  const free = candidates.find(
    (candidate) => !obstacles.some((box) => meets(box, { ...candidate, ...OUTCOME_SIZE })),
  );
  return free ?? (candidates[0] as OutcomePlacement);
}

/** The outcome's box at its place. */
export function outcomeBox(placement: OutcomePlacement): Box {
  return { x: placement.x, y: placement.y, ...OUTCOME_SIZE };
}
