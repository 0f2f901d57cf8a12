import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../engine';
import { estimateNodeSize, HANDLE } from '../model/geometry';
import { DESIGNS, topologyOf } from '../testing/designs';
import { layoutWithElk, toElkGraph, warmUpRequest } from './elkLayout';
import {
  DETAILED_LAYOUT_LIMIT,
  layoutColumn,
  layoutPortId,
  toLayoutRequest,
} from './layoutRequest';

const bookinfo = topologyOf(DESIGNS.bookinfoMesh);
const elk = new ELK();

function left(positions: Record<string, { x: number }>, topology: Topology, type: string): number {
  return Math.min(
    ...topology.nodes
      .filter((node) => node.type === type)
      .map((node) => positions[node.id]?.x ?? NaN),
  );
}

function right(positions: Record<string, { x: number }>, topology: Topology, type: string): number {
  return Math.max(
    ...topology.nodes
      .filter((node) => node.type === type)
      .map((node) => (positions[node.id]?.x ?? NaN) + estimateNodeSize(node).width),
  );
}

describe('toLayoutRequest', () => {
  it('given a small design, then edges leave from the rows they belong to, left to right', () => {
    const request = toLayoutRequest(bookinfo);
    expect(request.detail).toBe('parts');
    const canary = request.edges.find(
      (edge) => edge.id === 'route:VirtualService/bookinfo/reviews#http/1/0',
    );
    expect(canary?.sourcePort).toBe(
      layoutPortId('VirtualService/bookinfo/reviews', 'VirtualService/bookinfo/reviews#http/1'),
    );
    // The DestinationRule's edge is laid out from its host, so that it lands right of the Service.
    const policy = request.edges.find((edge) =>
      edge.id.startsWith('destinationRule:DestinationRule/bookinfo/reviews'),
    );
    expect([policy?.source, policy?.target]).toEqual([
      'Service/bookinfo/reviews',
      'DestinationRule/bookinfo/reviews',
    ]);
    // A rule's port is lower on the node than the header's, where the binding arrives.
    const key = 'VirtualService/bookinfo/bookinfo';
    const virtualService = request.nodes.find((node) => node.id === key);
    const ports = new Map(virtualService?.ports.map((port) => [port.id, port]));
    const header = ports.get(layoutPortId(key, HANDLE.in));
    const rule = ports.get(layoutPortId(key, `${key}#http/1`));
    expect(rule?.side).toBe('EAST');
    expect(header?.side).toBe('WEST');
    expect(rule?.y ?? 0).toBeGreaterThan(header?.y ?? Infinity);
  });

  it('given the parallel canary edges, then the layout gets one edge per pair of ports', () => {
    const request = toLayoutRequest(bookinfo);
    const ids = request.edges.map((edge) => edge.id);
    expect(ids).toContain('route:VirtualService/bookinfo/reviews#http/1/0');
    expect(ids).not.toContain('route:VirtualService/bookinfo/reviews#http/1/1');
  });

  it('given a large design, then edges are merged per pair of nodes', () => {
    const many = Array.from(
      { length: DETAILED_LAYOUT_LIMIT + 1 },
      (_, index) =>
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${index}\n  namespace: default\nspec:\n  ports:\n  - port: 80\n`,
    ).join('---\n');
    const request = toLayoutRequest(topologyOf(many));
    expect(request.detail).toBe('nodes');
    expect(toElkGraph(request).children?.[0]?.layoutOptions?.['elk.portConstraints']).toBe(
      'FIXED_SIDE',
    );
  });
});

describe('layoutWithElk', () => {
  it('given Bookinfo, then traffic flows left to right: load balancer, Gateway, VirtualServices, Services, DestinationRules, workloads', async () => {
    const positions = await layoutWithElk(elk, toLayoutRequest(bookinfo));
    expect(Object.keys(positions).sort()).toEqual(bookinfo.nodes.map((node) => node.id).sort());
    const order = [
      'loadBalancer',
      'gateway',
      'virtualService',
      'service',
      'destinationRule',
      'workload',
    ];
    for (let index = 1; index < order.length; index += 1) {
      const before = order[index - 1] as string;
      const after = order[index] as string;
      expect(right(positions, bookinfo, before), `${before} before ${after}`).toBeLessThan(
        left(positions, bookinfo, after),
      );
    }
    expect(bookinfo.nodes.map(layoutColumn)).not.toContain(undefined);
  });

  it('given a split with weights and subsets, then the columns are far enough apart for its labels', async () => {
    const request = toLayoutRequest(bookinfo);
    // "90% v1", "mirror 10% v2" leave the VirtualServices' column (2): wider than the usual 64 px
    // between columns with some edge either side.
    const widest = request.labelRoom?.[2] ?? 0;
    expect(widest).toBeGreaterThan(64);
    const positions = await layoutWithElk(elk, request);
    const gap = left(positions, bookinfo, 'service') - right(positions, bookinfo, 'virtualService');
    expect(gap).toBeGreaterThanOrEqual(widest + 2 * 24);
    // Only there: the Gateway's column is as close to the VirtualServices' as before.
    expect(
      left(positions, bookinfo, 'virtualService') - right(positions, bookinfo, 'gateway'),
    ).toBeLessThan(widest);
  });

  it('given the subsets, then their workloads are stacked in subset order', async () => {
    const positions = await layoutWithElk(elk, toLayoutRequest(bookinfo));
    const y = (name: string) => positions[`Deployment/bookinfo/${name}`]?.y ?? NaN;
    expect(y('reviews-v1')).toBeLessThan(y('reviews-v2'));
    expect(y('reviews-v2')).toBeLessThan(y('reviews-v3'));
  });

  it('given groups, then each namespace is laid out in its own box and nodes do not overlap', async () => {
    const positions = await layoutWithElk(elk, toLayoutRequest(bookinfo, { grouped: true }));
    const boxes = bookinfo.nodes.map((node) => ({
      ...(positions[node.id] ?? { x: NaN, y: NaN }),
      ...estimateNodeSize(node),
      namespace: node.namespace,
    }));
    for (const [index, a] of boxes.entries()) {
      for (const b of boxes.slice(index + 1)) {
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
    const istioSystem = boxes.filter((box) => box.namespace === 'istio-system');
    const bookinfoBoxes = boxes.filter((box) => box.namespace === 'bookinfo');
    const bookinfoTop = Math.min(...bookinfoBoxes.map((box) => box.y));
    const bookinfoLeft = Math.min(...bookinfoBoxes.map((box) => box.x));
    const bookinfoRight = Math.max(...bookinfoBoxes.map((box) => box.x + box.width));
    const bookinfoBottom = Math.max(...bookinfoBoxes.map((box) => box.y + box.height));
    // The istio-system box lies outside the bookinfo box.
    for (const box of istioSystem) {
      const inside =
        box.x >= bookinfoLeft &&
        box.x + box.width <= bookinfoRight &&
        box.y >= bookinfoTop &&
        box.y + box.height <= bookinfoBottom;
      expect(inside).toBe(false);
    }
  });
});

describe('warmUpRequest', () => {
  it('given the warm-up design, then ELK lays it out in its columns', async () => {
    const request = warmUpRequest();
    expect(request.nodes.length).toBeGreaterThan(90);
    const positions = await layoutWithElk(elk, request);
    const x = (id: string) => positions[id]?.x ?? NaN;
    expect(x('n0-0')).toBeLessThan(x('n1-0'));
    expect(x('n5-0')).toBeLessThan(x('n6-0'));
  });
});

describe('grid arrangement', () => {
  it('given namespace boxes, then ELK puts them in rows in the order given', async () => {
    const nodes = Array.from({ length: 9 }, (_, index) => ({
      id: `ns${index}`,
      width: 240,
      height: 132,
      column: 0,
      ports: [],
    }));
    const positions = await layoutWithElk(elk, {
      nodes,
      edges: [],
      grouped: false,
      detail: 'nodes',
      arrangement: 'grid',
    });
    expect(positions.ns0?.y).toBe(positions.ns1?.y);
    expect(positions.ns0?.x ?? NaN).toBeLessThan(positions.ns1?.x ?? NaN);
    const ys = new Set(Object.values(positions).map((position) => position.y));
    expect(ys.size).toBeGreaterThan(1);
  });
});
