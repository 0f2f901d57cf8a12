import { describe, expect, it } from 'vitest';
import { OUTCOME_GAP, OUTCOME_SIZE, placeOutcome } from './outcomePlacement';

const end = { x: 100, y: 100, width: 200, height: 80 };

describe('placeOutcome', () => {
  it('given room below the node, then below it', () => {
    const others = [{ x: 400, y: 100, width: 200, height: 80 }];
    expect(placeOutcome(end, others)).toEqual({
      side: 'below',
      x: 100,
      y: 100 + 80 + OUTCOME_GAP,
    });
  });

  it('given a node drawn below, then above', () => {
    const below = { x: 100, y: 220, width: 200, height: 80 };
    expect(placeOutcome(end, [below])).toEqual({
      side: 'above',
      x: 100,
      y: 100 - OUTCOME_GAP - OUTCOME_SIZE.height,
    });
  });

  it('given nodes below and above, then right of it', () => {
    const below = { x: 100, y: 220, width: 200, height: 80 };
    const above = { x: 120, y: 0, width: 200, height: 80 };
    expect(placeOutcome(end, [below, above])).toEqual({
      side: 'right',
      x: 100 + 200 + OUTCOME_GAP,
      y: 100,
    });
  });

  it('given every side taken, then below, over the canvas', () => {
    const below = { x: 100, y: 220, width: 200, height: 80 };
    const above = { x: 120, y: 0, width: 200, height: 80 };
    const right = { x: 320, y: 100, width: 200, height: 80 };
    expect(placeOutcome(end, [below, above, right]).side).toBe('below');
  });

  it('given the namespace group around the node, then the group is not in the way', () => {
    const group = { x: 60, y: 40, width: 700, height: 500 };
    expect(placeOutcome(end, [group, end]).side).toBe('below');
  });
});
