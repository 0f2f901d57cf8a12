import { describe, expect, it } from 'vitest';
import { DESIGNS, topologyOf } from '../testing/designs';
import { estimateNodeSize } from './geometry';
import { COLUMN_GAP, findFreeSpot, findFreeSpotNear, placeNewNodes, ROW_GAP } from './placement';

const seed = topologyOf(DESIGNS.seedIngress);
const arranged = {
  'Service/istio-system/istio-ingressgateway': { x: 0, y: 0 },
  'Gateway/istio-system/default-gateway': { x: 400, y: 0 },
  'VirtualService/default/proxy': { x: 800, y: 40 },
};

describe('placeNewNodes', () => {
  it('given a new Service a rule routes to, then it goes right of the VirtualService and nothing else moves', () => {
    const placed = placeNewNodes(seed, ['Service/default/proxy'], { positions: arranged });
    const width = estimateNodeSize(seed.byId.get('VirtualService/default/proxy') as never).width;
    expect(Object.keys(placed)).toEqual(['Service/default/proxy']);
    expect(placed['Service/default/proxy']).toEqual({ x: 800 + width + COLUMN_GAP, y: 40 });
  });

  it('given a new node that only sends traffic on, then it goes left of what it sends it to', () => {
    const placed = placeNewNodes(seed, ['Service/istio-system/istio-ingressgateway'], {
      positions: { 'Gateway/istio-system/default-gateway': { x: 400, y: 100 } },
    });
    const size = estimateNodeSize(
      seed.byId.get('Service/istio-system/istio-ingressgateway') as never,
    );
    expect(placed['Service/istio-system/istio-ingressgateway']).toEqual({
      x: 400 - COLUMN_GAP - size.width,
      y: 100,
    });
  });

  it('given the spot beside its neighbour taken, then the new node goes to the nearest free one', () => {
    const width = estimateNodeSize(seed.byId.get('VirtualService/default/proxy') as never).width;
    const beside = { x: 800 + width + COLUMN_GAP, y: 40 };
    const positions = { ...arranged, 'Gateway/istio-system/default-gateway': beside };
    const spot = placeNewNodes(seed, ['Service/default/proxy'], { positions })[
      'Service/default/proxy'
    ];
    const gateway = {
      ...beside,
      ...estimateNodeSize(seed.byId.get('Gateway/istio-system/default-gateway') as never),
    };
    const service = {
      ...(spot ?? { x: NaN, y: NaN }),
      ...estimateNodeSize(seed.byId.get('Service/default/proxy') as never),
    };
    expect(service.x).toBe(beside.x);
    const apart =
      service.y + service.height <= gateway.y || gateway.y + gateway.height <= service.y;
    expect(apart).toBe(true);
  });

  it('given occupied boxes, then findFreeSpot keeps the preferred spot when it is free', () => {
    expect(
      findFreeSpot({ x: 0, y: 500 }, { width: 100, height: 50 }, [
        { x: 0, y: 0, width: 100, height: 50 },
      ]),
    ).toEqual({ x: 0, y: 500 });
  });

  it('given a node with no neighbours, then it goes to its kind’s column below what is there', () => {
    const lonely = topologyOf(
      `${DESIGNS.seedIngress}\n---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: solo\n  namespace: default\nspec:\n  host: nowhere\n`,
    );
    const positions = { ...arranged, 'Service/default/proxy': { x: 1200, y: 40 } };
    const placed = placeNewNodes(lonely, ['DestinationRule/default/solo'], { positions });
    const spot = placed['DestinationRule/default/solo'];
    // The DestinationRule points at a missing host placeholder that has no position yet either, so
    // it is placed by kind: its column lies right of the Services'.
    expect(spot?.x).toBeGreaterThan(1200);
  });
});

describe('findFreeSpotNear', () => {
  const size = { width: 264, height: 100 };
  type Rect = { x: number; y: number; width: number; height: number };
  const clear = (a: Rect, b: Rect) =>
    a.x + a.width + ROW_GAP / 2 <= b.x ||
    b.x + b.width + ROW_GAP / 2 <= a.x ||
    a.y + a.height + ROW_GAP / 2 <= b.y ||
    b.y + b.height + ROW_GAP / 2 <= a.y;
  const inside = (a: Rect, b: Rect) =>
    a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

  it('given a free preferred spot, then it is kept', () => {
    expect(findFreeSpotNear({ x: 10, y: 20 }, size, [])).toEqual({ x: 10, y: 20 });
  });

  it('given seven nodes added one after another at the middle of the view, then none overlaps another and all are in view', () => {
    const view = { x: 0, y: 0, width: 1000, height: 600 };
    const occupied: Rect[] = [{ x: 0, y: 250, width: 264, height: 100 }];
    const middle = { x: 500 - size.width / 2, y: 300 - size.height / 2 };
    for (let added = 0; added < 7; added += 1) {
      const spot = { ...findFreeSpotNear(middle, size, occupied, view), ...size };
      for (const other of occupied) expect(clear(spot, other)).toBe(true);
      expect(inside(spot, view)).toBe(true);
      occupied.push(spot);
    }
    // Spread around the middle, not stacked in one column running off the view.
    expect(new Set(occupied.slice(1).map((rect) => rect.x)).size).toBeGreaterThan(1);
  });

  it('given a drop on top of a node, then the new node goes to the nearest free spot beside it', () => {
    const node = { x: 400, y: 200, width: 264, height: 100 };
    const spot = findFreeSpotNear({ x: 420, y: 210 }, size, [node]);
    expect(clear({ ...spot, ...size }, node)).toBe(true);
    // Nearest: moved past the node's nearer edge (its bottom), not far away.
    expect(Math.hypot(spot.x - 420, spot.y - 210)).toBeLessThanOrEqual(100 + ROW_GAP + 24);
  });

  it('given a view with no free room, then the nearest free spot outside it', () => {
    const view = { x: 0, y: 0, width: 300, height: 120 };
    const full = [{ x: 0, y: 0, width: 300, height: 120 }];
    const spot = findFreeSpotNear({ x: 0, y: 0 }, size, full, view);
    expect(clear({ ...spot, ...size }, full[0] as Rect)).toBe(true);
  });

  it('given a preferred spot outside the view, then the node is brought inside it', () => {
    const view = { x: 1000, y: 1000, width: 800, height: 500 };
    const spot = findFreeSpotNear({ x: 0, y: 0 }, size, [], view);
    expect(inside({ ...spot, ...size }, view)).toBe(true);
  });
});
