import { describe, expect, it } from 'vitest';
import { DESIGNS, topologyOf } from '../testing/designs';
import { estimateNodeSize } from './geometry';
import {
  GROUP_MARGIN,
  groupBoxes,
  namespaceNodeId,
  requestPath,
  summarizeNamespaces,
} from './views';

const bookinfo = topologyOf(DESIGNS.bookinfoMesh);

describe('requestPath', () => {
  it('given the public VirtualService, then the path from the load balancer to its pods, and nothing else', () => {
    const path = requestPath(bookinfo, ['VirtualService/bookinfo/bookinfo']);
    expect([...path].sort()).toEqual(
      [
        'Service/istio-system/istio-ingressgateway',
        'Gateway/bookinfo/bookinfo-gateway',
        'VirtualService/bookinfo/bookinfo',
        'Service/bookinfo/productpage',
        'Deployment/bookinfo/productpage-v1',
      ].sort(),
    );
  });

  it('given a Service with a DestinationRule, then the rule and its subsets’ pods are on the path', () => {
    const path = requestPath(bookinfo, ['Service/bookinfo/reviews']);
    expect(path.has('VirtualService/bookinfo/reviews')).toBe(true);
    expect(path.has('DestinationRule/bookinfo/reviews')).toBe(true);
    expect(path.has('Deployment/bookinfo/reviews-v3')).toBe(true);
    expect(path.has('Service/bookinfo/ratings')).toBe(false);
  });
});

describe('summarizeNamespaces', () => {
  it('given Bookinfo, then one summary per namespace with its kinds in traffic order, and the link between them', () => {
    const { summaries, links } = summarizeNamespaces(bookinfo, new Map());
    expect(summaries.map((summary) => [summary.namespace, summary.total])).toEqual([
      ['bookinfo', 18],
      ['istio-system', 1],
    ]);
    expect(summaries[0]?.counts.map((count) => count.type)).toEqual([
      'gateway',
      'virtualService',
      'service',
      'serviceEntry',
      'destinationRule',
      'workload',
    ]);
    expect(links).toEqual([
      {
        id: `namespace-link:${namespaceNodeId('istio-system')}->${namespaceNodeId('bookinfo')}`,
        source: namespaceNodeId('istio-system'),
        target: namespaceNodeId('bookinfo'),
        count: 1,
      },
    ]);
  });
});

describe('groupBoxes', () => {
  it('given positions, then each namespace’s box holds its nodes with room for its title', () => {
    const positions = Object.fromEntries(
      bookinfo.nodes.map((node, index) => [node.id, { x: index * 10, y: index * 20 }]),
    );
    const sizeOf = (id: string) => estimateNodeSize(bookinfo.byId.get(id) as never);
    const boxes = groupBoxes(bookinfo, positions, sizeOf);
    const istio = boxes.find((box) => box.namespace === 'istio-system');
    expect(istio?.members).toEqual(['Service/istio-system/istio-ingressgateway']);
    expect(istio?.position).toEqual({ x: -GROUP_MARGIN.side, y: -GROUP_MARGIN.top });
    const size = sizeOf('Service/istio-system/istio-ingressgateway');
    expect(istio?.size).toEqual({
      width: size.width + 2 * GROUP_MARGIN.side,
      height: size.height + GROUP_MARGIN.top + GROUP_MARGIN.bottom,
    });
  });
});
