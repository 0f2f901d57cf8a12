import { describe, expect, it } from 'vitest';
import { DESIGNS, topologyOf } from '../testing/designs';
import { HANDLE } from './geometry';
import { summarizeProblems } from './problems';
import {
  buildNodeViews,
  createEdgeMemo,
  redundantEdges,
  selectionNodeOf,
  toFlowEdges,
  toFlowNodes,
  type TrafficFlowEdge,
} from './projection';

const bookinfo = topologyOf(DESIGNS.bookinfoMesh);
const seed = topologyOf(DESIGNS.seedIngress);

function edge(edges: readonly TrafficFlowEdge[], id: string): TrafficFlowEdge {
  const found = edges.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no edge ${id}`);
  return found;
}

describe('toFlowNodes', () => {
  it('given the seed, then each resource is a node of its kind named as the topology labels it', () => {
    const nodes = toFlowNodes(seed, { positions: {}, selection: null, readOnly: false });
    expect(nodes.map((node) => [node.type, node.ariaLabel])).toEqual([
      ['loadBalancer', 'Service istio-system/istio-ingressgateway'],
      ['gateway', 'Gateway istio-system/default-gateway'],
      ['virtualService', 'VirtualService default/proxy'],
      ['service', 'Service default/proxy'],
    ]);
    expect(nodes.every((node) => node.ariaRole === 'group' && node.draggable)).toBe(true);
  });

  it('given positions and a selected rule, then nodes sit there and the rule’s node is selected', () => {
    const nodes = toFlowNodes(seed, {
      positions: { 'VirtualService/default/proxy': { x: 40, y: 80 } },
      selection: 'VirtualService/default/proxy#http/0',
      readOnly: false,
    });
    const virtualService = nodes.find((node) => node.id === 'VirtualService/default/proxy');
    expect(virtualService?.position).toEqual({ x: 40, y: 80 });
    expect(virtualService?.selected).toBe(true);
    expect(nodes.filter((node) => node.selected)).toHaveLength(1);
  });

  it('given read-only, then no node can be dragged or connected', () => {
    const nodes = toFlowNodes(seed, { positions: {}, selection: null, readOnly: true });
    expect(nodes.some((node) => node.draggable || node.connectable)).toBe(false);
  });

  it('given a visible set, then only those nodes are drawn', () => {
    const nodes = toFlowNodes(bookinfo, {
      positions: {},
      selection: null,
      readOnly: false,
      visible: new Set(['Service/bookinfo/reviews']),
    });
    expect(nodes.map((node) => node.id)).toEqual(['Service/bookinfo/reviews']);
  });
});

describe('toFlowEdges', () => {
  const edges = toFlowEdges(bookinfo, { selection: null });

  it('given a canary split, then each destination leaves its rule and is labelled with its weight and subset', () => {
    const v1 = edge(edges, 'route:VirtualService/bookinfo/reviews#http/1/0');
    const v3 = edge(edges, 'route:VirtualService/bookinfo/reviews#http/1/1');
    expect(v1.sourceHandle).toBe('VirtualService/bookinfo/reviews#http/1');
    expect(v1.targetHandle).toBe('Service/bookinfo/reviews#port/0');
    expect(v1.data?.chips.map((chip) => chip.text)).toEqual(['90%', 'v1']);
    expect(v3.data?.chips.map((chip) => chip.text)).toEqual(['10%', 'v3']);
    // Same ends: drawn in two lanes so that they do not hide each other.
    expect([v1.data?.lane, v3.data?.lane]).toEqual([0, 1]);
    expect(v1.data?.lanes).toBe(2);
    expect(v1.ariaLabel).toBe(
      'VirtualService bookinfo/reviews canary routes 90% to Service bookinfo/reviews subset v1 port 9080',
    );
  });

  it('given a lone destination, then its edge shows no weight', () => {
    const jason = edge(edges, 'route:VirtualService/bookinfo/reviews#http/0/0');
    expect(jason.data?.chips.map((chip) => chip.text)).toEqual(['v2']);
  });

  it('given a mirror and a binding, then they are their own kinds of edge, from the rule and the server', () => {
    const mirror = edge(edges, 'mirror:VirtualService/bookinfo/ratings#http/0');
    expect(mirror.data?.type).toBe('mirror');
    expect(mirror.data?.chips.map((chip) => chip.text)).toEqual(['mirror 10%', 'v2']);
    const binding = edge(
      edges,
      'binding:Gateway/bookinfo/bookinfo-gateway#server/1->VirtualService/bookinfo/bookinfo',
    );
    expect(binding.sourceHandle).toBe('Gateway/bookinfo/bookinfo-gateway#server/1');
    expect(binding.targetHandle).toBe(HANDLE.in);
  });

  it('given a DestinationRule, then its edge is drawn back from it to its host', () => {
    const policy = edge(
      edges,
      'destinationRule:DestinationRule/bookinfo/reviews->Service/bookinfo/reviews',
    );
    expect([policy.sourceHandle, policy.targetHandle]).toEqual([HANDLE.policy, HANDLE.policyIn]);
  });

  it('given pods reached by a DestinationRule subset, then the Service’s own edge to them is left out', () => {
    const ids = edges.map((candidate) => candidate.id);
    expect(ids).not.toContain('selects:Service/bookinfo/reviews->Deployment/bookinfo/reviews-v1');
    expect(ids).toContain(
      'subset:DestinationRule/bookinfo/reviews#subset/0->Deployment/bookinfo/reviews-v1',
    );
    // Pods no subset reaches keep their Service's edge.
    expect(ids).toContain('selects:Service/bookinfo/details->Deployment/bookinfo/details-v1');
    expect(redundantEdges(bookinfo).size).toBe(5);
  });

  it('given a reference to a missing host, then the edge is dangling with the reason as its accessible name', () => {
    const broken = topologyOf(DESIGNS.seedIngress.replace('host: proxy', 'host: prxy'));
    const [route] = toFlowEdges(broken, { selection: null }).filter(
      (item) => item.data?.type === 'route',
    );
    expect(route?.data?.dangling).toBe(true);
    expect(route?.target).toBe('missing:host/prxy.default.svc.cluster.local');
    expect(route?.ariaLabel).toBe(
      'VirtualService default/proxy rule 0 routes 100% to Host prxy.default.svc.cluster.local (missing). Problem: no Service or ServiceEntry has host prxy.default.svc.cluster.local',
    );
  });

  it('given a selected edge, then only it is selected', () => {
    const id = 'route:VirtualService/default/proxy#http/0/0';
    const selected = toFlowEdges(seed, { selection: id }).filter((item) => item.selected);
    expect(selected.map((item) => item.id)).toEqual([id]);
  });

  it('given a memo and a rule renamed, then only its VirtualService’s edges are made again, and only the rule’s edge says something new', () => {
    const memo = createEdgeMemo();
    const problems = summarizeProblems([]);
    const views = buildNodeViews(bookinfo, problems, undefined);
    const before = toFlowEdges(bookinfo, { selection: null, views }, memo);
    const renamed = topologyOf(DESIGNS.bookinfoMesh.replace('- name: jason', '- name: json'));
    const after = toFlowEdges(
      renamed,
      { selection: null, views: buildNodeViews(renamed, problems, views) },
      memo,
    );
    const changed = after.filter((item, index) => item !== before[index]);
    expect(changed.map((item) => item.id)).toEqual([
      'route:VirtualService/bookinfo/reviews#http/0/0',
      'route:VirtualService/bookinfo/reviews#http/1/0',
      'route:VirtualService/bookinfo/reviews#http/1/1',
    ]);
    const newData = after.filter((item, index) => item.data !== before[index]?.data);
    expect(newData.map((item) => item.id)).toEqual([
      'route:VirtualService/bookinfo/reviews#http/0/0',
    ]);
    expect(newData[0]?.ariaLabel).toContain('json');
    // The same edges as without a memo.
    expect(after).toEqual(toFlowEdges(renamed, { selection: null }));
  });
});

describe('buildNodeViews', () => {
  it('given an edit to one resource, then the other nodes keep their view objects', () => {
    const before = buildNodeViews(seed, new Map(), undefined);
    const edited = topologyOf(
      DESIGNS.seedIngress.replace('targetPort: 80\n', 'targetPort: 8080\n'),
    );
    const after = buildNodeViews(edited, new Map(), before);
    expect(after.get('Service/default/proxy')).not.toBe(before.get('Service/default/proxy'));
    expect(after.get('Gateway/istio-system/default-gateway')).toBe(
      before.get('Gateway/istio-system/default-gateway'),
    );
  });

  it('given diagnostics about a resource, then its view counts them', () => {
    const problems = summarizeProblems([
      {
        code: 'IST0101',
        level: 'error',
        message: 'Referenced host not found',
        resource: 'VirtualService/default/proxy',
      },
      {
        code: 'SP1001',
        level: 'warning',
        message: 'No TLS mode',
        resource: 'VirtualService/default/proxy',
      },
      { code: 'SP9', level: 'info', message: 'A hint', resource: 'VirtualService/default/proxy' },
    ]);
    const views = buildNodeViews(seed, problems, undefined);
    expect(views.get('VirtualService/default/proxy')?.problems).toEqual({
      count: 2,
      errors: 1,
      messages: ['IST0101: Referenced host not found', 'SP1001: No TLS mode'],
    });
    expect(views.get('Service/default/proxy')?.problems.count).toBe(0);
  });
});

describe('selectionNodeOf', () => {
  it('given a part, then its node; given a node, then itself', () => {
    expect(selectionNodeOf('VirtualService/default/proxy#http/2')).toBe(
      'VirtualService/default/proxy',
    );
    expect(selectionNodeOf('Gateway/a/b')).toBe('Gateway/a/b');
    expect(selectionNodeOf(null)).toBeNull();
  });
});
