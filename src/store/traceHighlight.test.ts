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

  it('given no rule of the VirtualService matches, then the 404 is pinned at that VirtualService, on the path', () => {
    // given a path no rule of the bookinfo VirtualService matches
    const { highlight } = highlightOf(example('header-routing-subsets'), {
      url: 'http://bookinfo.example.com/admin',
    });
    // then the VirtualService whose rules were tried ends the path, reached from the Gateway
    expect(highlight.nodes).toEqual([
      'Service/istio-system/istio-ingressgateway',
      'Gateway/bookinfo/bookinfo-gateway',
      'VirtualService/bookinfo/bookinfo',
    ]);
    expect(highlight.end).toBe('VirtualService/bookinfo/bookinfo');
    expect(highlight.edges.some((edge) => edge.startsWith('binding:'))).toBe(true);
    expect(highlight.missedParts).toEqual(['VirtualService/bookinfo/bookinfo#http/0']);
    expect(highlight.outcome).toEqual({ tone: 'failed', headline: '404: no route (NR)' });
  });

  it('given a path one letter short of a rule, then that rule is a near miss on the canvas too', () => {
    // given the internet calling /productpag (the rule wants exact /productpage)
    const { highlight } = highlightOf(example('header-routing-subsets'), {
      url: 'http://bookinfo.example.com/productpag',
      from: 'ingress',
    });
    // then the rule is missed, a near miss, and its VirtualService ends the path
    expect(highlight.missedParts).toEqual(['VirtualService/bookinfo/bookinfo#http/0']);
    expect(highlight.nearMissParts).toEqual(['VirtualService/bookinfo/bookinfo#http/0']);
    expect(highlight.end).toBe('VirtualService/bookinfo/bookinfo');
    // a rule missed by far is no near miss
    const far = highlightOf(example('header-routing-subsets'), {
      url: 'http://reviews:9080/reviews/0',
      headers: { 'end-user': 'alice' },
      from: PRODUCT_PAGE,
    }).highlight;
    expect(far.missedParts).toEqual(['VirtualService/bookinfo/reviews#http/0']);
    expect(far.nearMissParts).toEqual([]);
  });

  it('given a Host no virtual host serves, then the Gateway whose route table it is ends the path', () => {
    // given the redirects design, when a Host it does not serve is sent from the internet
    const { trace, highlight } = highlightOf(example('redirects-rewrites'), {
      url: 'http://nosuch.example.org/',
    });
    // then the LoadBalancer leads to the Gateway, where the 404 is decided and shown
    expect(trace.steps.at(-1)?.title).toBe('No virtual host for Host nosuch.example.org');
    expect(highlight.nodes).toEqual([
      'Service/istio-system/istio-ingressgateway',
      'Gateway/web/web-gateway',
    ]);
    expect(highlight.edges).toHaveLength(1);
    expect(highlight.end).toBe('Gateway/web/web-gateway');
    expect(highlight.outcome.headline).toBe('404: no route (NR)');
  });

  it('given a sampled request through the canary split, then only the destination drawn is on the path', () => {
    const request = { url: 'http://shop.example.com/cart', from: 'ingress' } as const;
    // given the whole split: both subsets and both Deployments
    const all = highlightOf(example('canary-split'), request);
    expect(all.highlight.nodes).toContain('Deployment/shop/storefront-v2');
    // when sampled with a draw under the stable share (90%)
    const { trace, highlight } = highlightOf(example('canary-split'), { ...request, draw: 0.15 });
    // then the steps, nodes, subsets, edges and outcome are the stable destination's alone
    expect(trace.steps.filter((step) => step.kind === 'destination')).toHaveLength(1);
    expect(trace.steps.some((step) => step.title === 'Subset canary')).toBe(false);
    expect(highlight.nodes).toContain('Deployment/shop/storefront-v1');
    expect(highlight.nodes).not.toContain('Deployment/shop/storefront-v2');
    expect(highlight.parts).toContain('DestinationRule/shop/storefront#subset/0');
    expect(highlight.parts).not.toContain('DestinationRule/shop/storefront#subset/1');
    expect(highlight.edges.some((edge) => edge.includes('storefront-v2'))).toBe(false);
    expect(highlight.end).toBe('Deployment/shop/storefront-v1');
    // and the outcome says it is a sample
    const derived = deriveDocument('design.yaml', example('canary-split'), 1, undefined);
    const sampled = traceHighlight(trace, derived.topology, 0.15);
    expect(sampled.outcome.headline).toBe(
      'storefront.shop.svc.cluster.local:80, subset stable (sampled)',
    );
    // a draw past 90% lands on the canary instead
    const canary = highlightOf(example('canary-split'), { ...request, draw: 0.95 }).highlight;
    expect(canary.nodes).toContain('Deployment/shop/storefront-v2');
    expect(canary.nodes).not.toContain('Deployment/shop/storefront-v1');
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
