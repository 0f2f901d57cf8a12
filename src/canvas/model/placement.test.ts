import { describe, expect, it } from 'vitest';
import { DESIGNS, topologyOf } from '../testing/designs';
import { estimateNodeSize } from './geometry';
import { COLUMN_GAP, findFreeSpot, placeNewNodes } from './placement';

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
