import { describe, expect, it } from 'vitest';
import { LANE_SPACING, trafficPath } from './edgeGeometry';

/** The points of an `M x,y C ... C ...` path, in order. */
function points(path: string): { x: number; y: number }[] {
  return [...path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((match) => ({
    x: Number(match[1]),
    y: Number(match[2]),
  }));
}

describe('trafficPath', () => {
  // A route and a mirror from one rule to one port of a Service close beside it.
  const short = {
    sourceX: 168,
    sourceY: 113,
    sourcePosition: 'right',
    targetX: 212,
    targetY: 113,
    targetPosition: 'left',
    lanes: 2,
  } as const;

  it('given two parallel edges between close nodes, then each enters its target level, so its arrowhead points into it', () => {
    for (const lane of [0, 1]) {
      const path = points(trafficPath({ ...short, lane }).path);
      const end = path.at(-1);
      const beforeEnd = path.at(-2);
      const start = path[0];
      const afterStart = path[1];
      expect(end).toEqual({ x: 212, y: 113 });
      // The last control point is level with the target and left of it: the edge arrives
      // horizontally, from the left.
      expect(beforeEnd?.y).toBe(113);
      expect(beforeEnd?.x).toBeLessThan(212);
      expect(afterStart?.y).toBe(start?.y);
      expect(afterStart?.x).toBeGreaterThan(168);
    }
  });

  it('given two parallel edges, then they pass a lane apart in the middle, where their labels go', () => {
    const a = trafficPath({ ...short, lane: 0 });
    const b = trafficPath({ ...short, lane: 1 });
    expect(b.labelY - a.labelY).toBeCloseTo(LANE_SPACING);
    expect(a.labelX).toBeCloseTo(b.labelX);
  });

  it('given one edge, then it is the plain curve, level at both ends', () => {
    const { path, labelY } = trafficPath({ ...short, lanes: 1, targetY: 213 });
    expect(path).toBe('M168,113 C216,113 164,213 212,213');
    expect(labelY).toBeCloseTo(163);
  });
});
