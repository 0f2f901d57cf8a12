import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSailplanStore } from './createSailplanStore';

function example(name: string): string {
  return readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
}

const seed = example('seed-ingress.yaml');

describe("the store's simulation", () => {
  it('traces the Simulator request on Send, and nothing before', () => {
    // given the seed with its request
    const store = createSailplanStore({ text: seed, request: { url: 'http://example.com/' } });
    expect(store.getState().simulation).toBeNull();
    // when the request is sent
    store.getState().sendRequest();
    // then its trace and highlight are in the store
    const simulation = store.getState().simulation;
    expect(simulation?.trace.outcome.virtualService).toBe('default/proxy');
    expect(simulation?.highlight.end).toBe('Service/default/proxy');
    // and clearing removes them
    store.getState().clearSimulation();
    expect(store.getState().simulation).toBeNull();
  });

  it('leaves blank header rows out, and reports a header value without a name', () => {
    const store = createSailplanStore({
      text: seed,
      request: {
        url: 'http://example.com/',
        headers: [
          ['', ''],
          ['x-user', 'alice'],
        ],
      },
    });
    store.getState().sendRequest();
    expect(store.getState().simulation?.request.headers).toEqual([['x-user', 'alice']]);

    store.getState().setRequest({ url: 'http://example.com/', headers: [['', 'alice']] });
    store.getState().sendRequest();
    expect(store.getState().simulation?.trace.summary).toMatch(/empty name/);
  });

  it("given Sample, then the trace and highlight are the drawn destination's until the request is edited or sent again", () => {
    // given the canary split's request, sent: both subsets are on the path
    const store = createSailplanStore({
      text: example('canary-split.yaml'),
      request: { url: 'http://shop.example.com/cart' },
    });
    store.getState().sendRequest();
    expect(store.getState().simulation?.highlight.nodes).toContain('Deployment/shop/storefront-v2');
    // when sampled with a draw that lands on the stable subset (90%)
    store.getState().sendRequest(0.15);
    // then the steps, the canvas path and the outcome are that one request's
    const sampled = store.getState().simulation;
    expect(sampled?.request.draw).toBe(0.15);
    expect(sampled?.trace.steps.filter((step) => step.kind === 'subset')).toHaveLength(1);
    expect(sampled?.highlight.nodes).toContain('Deployment/shop/storefront-v1');
    expect(sampled?.highlight.nodes).not.toContain('Deployment/shop/storefront-v2');
    expect(sampled?.highlight.outcome.headline).toBe(
      'storefront.shop.svc.cluster.local:80, subset stable (sampled)',
    );
    // and an edit of the design keeps the sample
    store.getState().replaceText(`${example('canary-split.yaml')}\n# edited\n`);
    expect(store.getState().simulation?.request.draw).toBe(0.15);
    expect(store.getState().simulation?.highlight.nodes).not.toContain(
      'Deployment/shop/storefront-v2',
    );
    // when the request is edited, then the trace is the whole split again
    store.getState().setRequest({ url: 'http://shop.example.com/cart2' });
    const back = store.getState().simulation;
    expect(back?.request.draw).toBeUndefined();
    expect(back?.request.url).toBe('http://shop.example.com/cart');
    expect(back?.highlight.nodes).toContain('Deployment/shop/storefront-v2');
    expect(back?.highlight.outcome.headline).toBe('Split across 2 destinations');
    // and sampling then sending again also goes back to the split
    store.getState().sendRequest(0.95);
    expect(store.getState().simulation?.highlight.nodes).not.toContain(
      'Deployment/shop/storefront-v1',
    );
    store.getState().sendRequest();
    expect(store.getState().simulation?.highlight.nodes).toContain('Deployment/shop/storefront-v1');
  });

  it('traces the request again after every edit, so the path follows the design', () => {
    // given a sent request routed to the proxy Service
    const store = createSailplanStore({ text: seed, request: { url: 'http://example.com/' } });
    store.getState().sendRequest();
    const serial = store.getState().simulation?.serial;
    // when the route's host is changed in the YAML to a host that does not exist
    store.getState().replaceText(seed.replace('host: proxy', 'host: nowhere'));
    // then the trace is of the new design: the proxy Service is no longer on the path
    const simulation = store.getState().simulation;
    expect(simulation?.version).toBe(store.getState().derived.version);
    expect(simulation?.highlight.nodes).not.toContain('Service/default/proxy');
    expect(simulation?.trace.outcome.destination?.host).toBe('nowhere.default.svc.cluster.local');
    // and it is the same send (the panel does not play it as a new one)
    expect(simulation?.serial).toBe(serial);
  });

  it('keeps the trace of the last good design while the YAML does not parse', () => {
    const store = createSailplanStore({ text: seed, request: { url: 'http://example.com/' } });
    store.getState().sendRequest();
    const before = store.getState().simulation;
    store.getState().replaceText(`${seed}\n  : : [\n`);
    expect(store.getState().derived.syntaxErrors).toBeGreaterThan(0);
    expect(store.getState().simulation).toBe(before);
  });

  it('draws one destination of a split when sent with a draw', () => {
    // given the canary split (90% stable, 10% canary)
    const store = createSailplanStore({
      text: example('canary-split.yaml'),
      request: { url: 'http://shop.example.com/cart' },
    });
    // when sampled with draws at either end
    store.getState().sendRequest(0.05);
    const low = store.getState().simulation?.trace.outcome.destination?.subset;
    store.getState().sendRequest(0.95);
    const high = store.getState().simulation?.trace.outcome.destination?.subset;
    // then each draw lands on one subset, and the two ends land on different ones
    expect(new Set([low, high])).toEqual(new Set(['stable', 'canary']));
    expect(store.getState().simulation?.request.draw).toBe(0.95);
  });
});
