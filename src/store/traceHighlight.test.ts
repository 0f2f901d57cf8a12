import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type Request } from '../engine';
import { deriveDocument } from './derive';
import { describeOutcome, traceHighlight } from './traceHighlight';

function example(name: string): string {
  return readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8');
}

/** The highlight of `request` through `text`, as the store computes it. */
function highlightOf(text: string, request: Request) {
  const derived = deriveDocument('design.yaml', text, 1, undefined);
  const trace = simulate(derived.design, request);
  return { trace, highlight: traceHighlight(trace, derived.topology) };
}

const PRODUCT_PAGE = { namespace: 'bookinfo', labels: { app: 'productpage', version: 'v1' } };

describe('traceHighlight', () => {
  it('follows the seed request from the LoadBalancer to the proxy Service, edges in order', () => {
    // given the seed design, when GET http://example.com/ is traced
    const { highlight } = highlightOf(example('seed-ingress'), { url: 'http://example.com/' });
    // then the path's nodes, parts and edges are those of the ingress chain, in order
    expect(highlight.nodes).toEqual([
      'Service/istio-system/istio-ingressgateway',
      'Gateway/istio-system/default-gateway',
      'VirtualService/default/proxy',
      'Service/default/proxy',
    ]);
    expect(highlight.parts).toEqual([
      'Gateway/istio-system/default-gateway#server/0',
      'VirtualService/default/proxy#http/0',
    ]);
    expect(highlight.edges).toHaveLength(3);
    expect(highlight.edges[0]).toMatch(/^loadBalancer:/);
    expect(highlight.edges[1]).toMatch(/^binding:/);
    expect(highlight.edges[2]).toMatch(/^route:/);
    expect(highlight.edgeArrivals).toEqual([1, 2, 3]);
    expect(highlight.missedParts).toEqual([]);
    expect(highlight.end).toBe('Service/default/proxy');
    expect(highlight.outcome).toEqual({
      tone: 'delivered',
      headline: 'proxy.default.svc.cluster.local:80',
    });
  });

  it('takes the subset the header chooses, and marks the rule it passed over as missed', () => {
    // given the header-routing design, when reviews is called without the end-user header
    const { highlight } = highlightOf(example('header-routing-subsets'), {
      url: 'http://reviews:9080/reviews/0',
      from: PRODUCT_PAGE,
    });
    // then rule 1 is taken towards subset v1, rule 0 is a miss, and v1's pods end the path
    expect(highlight.parts).toContain('VirtualService/bookinfo/reviews#http/1');
    expect(highlight.parts).toContain('DestinationRule/bookinfo/reviews#subset/0');
    expect(highlight.parts).not.toContain('DestinationRule/bookinfo/reviews#subset/1');
    expect(highlight.missedParts).toEqual(['VirtualService/bookinfo/reviews#http/0']);
    expect(highlight.end).toBe('Deployment/bookinfo/reviews-v1');
    expect(highlight.outcome.headline).toBe('reviews.bookinfo.svc.cluster.local:9080, subset v1');
    // and only the route edge towards subset v1 is on the path
    const routes = highlight.edges.filter((id) => id.startsWith('route:'));
    expect(routes).toHaveLength(1);

    // when the header says jason, the other rule, subset and pods are taken
    const jason = highlightOf(example('header-routing-subsets'), {
      url: 'http://reviews:9080/reviews/0',
      headers: { 'end-user': 'jason' },
      from: PRODUCT_PAGE,
    }).highlight;
    expect(jason.parts).toContain('DestinationRule/bookinfo/reviews#subset/1');
    expect(jason.end).toBe('Deployment/bookinfo/reviews-v2');
    expect(jason.edges).not.toEqual(highlight.edges);
  });

  it('says 404: no route (NR) at the Gateway when no rule matches', () => {
    // given a path no rule of the bookinfo VirtualService matches
    const { highlight } = highlightOf(example('header-routing-subsets'), {
      url: 'http://bookinfo.example.com/admin',
    });
    // then the path ends at the Gateway, the rule is a miss, and the outcome is in plain words
    expect(highlight.end).toBe('Gateway/bookinfo/bookinfo-gateway');
    expect(highlight.missedParts).toEqual(['VirtualService/bookinfo/bookinfo#http/0']);
    expect(highlight.outcome).toEqual({ tone: 'failed', headline: '404: no route (NR)' });
  });

  it('says 503: no such subset (NC) when the route names a subset no DestinationRule defines', () => {
    const text = example('header-routing-subsets').replace('subset: v2', 'subset: v9');
    const { highlight } = highlightOf(text, {
      url: 'http://reviews:9080/reviews/0',
      headers: { 'end-user': 'jason' },
      from: PRODUCT_PAGE,
    });
    expect(highlight.outcome.headline).toBe('503: no such subset (NC)');
    expect(highlight.nodes).not.toContain('Service/bookinfo/reviews');
  });

  it('ends the path at the rule whose fault aborts the request', () => {
    // given the fault-injection design, when a call asks for the abort
    const { trace, highlight } = highlightOf(example('fault-injection'), {
      url: 'http://ratings:9080/ratings/0',
      headers: { 'x-chaos': 'abort' },
      from: { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v2' } },
    });
    // then the trace describes ratings as not reached, and the path stops at the VirtualService
    expect(trace.steps.findLast((step) => step.kind === 'destination')?.status).toBe('unreached');
    expect(trace.nodes).not.toContain('Service/bookinfo/ratings');
    expect(highlight.nodes).not.toContain('Service/bookinfo/ratings');
    expect(highlight.end).toBe('VirtualService/bookinfo/ratings');
    expect(highlight.outcome.headline).toBe('503: fault injected (FI)');
  });

  it('gives a redirect with its Location, and a split with its shares', () => {
    const redirect = highlightOf(example('redirects-rewrites'), {
      url: 'http://example.com/cart?id=7',
    }).highlight.outcome;
    expect(redirect).toEqual({
      tone: 'answered',
      headline: '301 redirect',
      detail: 'Location: http://www.example.com/cart?id=7',
    });
    const derived = deriveDocument('design.yaml', example('canary-split'), 1, undefined);
    const split = describeOutcome(
      simulate(derived.design, { url: 'http://shop.example.com/cart' }),
    );
    expect(split).toEqual({
      tone: 'delivered',
      headline: 'Split across 2 destinations',
      detail: '90% subset stable · 10% subset canary',
    });
  });
});
