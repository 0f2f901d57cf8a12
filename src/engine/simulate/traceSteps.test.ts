import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locate } from '../model';
import type { Design } from '../model';
import { designOf } from '../testing/designOf';
import type { Request } from './request';
import { simulate } from './simulate';
import type { TraceStep } from './trace';

// What each step of a trace says and points at, on the example designs users open first.

function example(name: string): Design {
  const text = readFileSync(new URL(`../../../examples/${name}.yaml`, import.meta.url), 'utf8');
  return designOf(text, `${name}.yaml`);
}

const REVIEWS_V2 = { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v2' } };
const PRODUCT_PAGE = { namespace: 'bookinfo', labels: { app: 'productpage', version: 'v1' } };
const ABORT: Request = {
  url: 'http://ratings:9080/ratings/0',
  headers: { 'x-chaos': 'abort' },
  from: REVIEWS_V2,
};

/** The YAML text a step's source range covers. */
function sourceText(design: Design, step: TraceStep | undefined): string | undefined {
  const source = step?.source;
  const file = design.files.find((candidate) => candidate.name === source?.file);
  return source === undefined ? undefined : file?.text.slice(source.start, source.end);
}

/** True when `inner` lies within `outer`. */
function within(
  inner: { start: number; end: number } | undefined,
  outer: { start: number; end: number } | undefined,
): boolean {
  return (
    inner !== undefined &&
    outer !== undefined &&
    inner.start >= outer.start &&
    inner.end <= outer.end
  );
}

describe('simulate: a fault that aborts the request', () => {
  it('given a 100% abort, then the trace stops at the fault: what follows is unreached and off the path, the outcome as before', () => {
    const design = example('fault-injection');
    const trace = simulate(design, ABORT);
    const fault = trace.steps.findIndex((step) => step.kind === 'fault');
    expect(trace.steps[fault]).toMatchObject({ status: 'matched', flag: 'FI' });
    const after = trace.steps.slice(fault + 1);
    // then ratings is still described (where the request would have gone), but not reached
    expect(after.map((step) => [step.kind, step.status])).toEqual([
      ['destination', 'unreached'],
      ['cluster', 'unreached'],
      ['subset', 'unreached'],
      ['workloads', 'unreached'],
    ]);
    expect(after.every((step) => step.flag === undefined)).toBe(true);
    expect(trace.nodes).toEqual([
      'Deployment/bookinfo/reviews-v2',
      'VirtualService/bookinfo/ratings',
      'VirtualService/bookinfo/ratings#http/1',
    ]);
    expect(trace.ending).toBe('response');
    expect(trace.summary).toContain('the upstream is never called');
    expect(trace.outcome).toEqual({
      gateway: null,
      virtualService: 'bookinfo/ratings',
      route: 1,
      destination: { host: 'ratings.bookinfo.svc.cluster.local', port: 9080, subset: 'v1' },
      destinations: [
        { host: 'ratings.bookinfo.svc.cluster.local', port: 9080, subset: 'v1', weight: 100 },
      ],
      redirect: null,
      directResponse: null,
      status: 503,
      flag: 'FI',
      path: '/ratings/0',
      authority: 'ratings:9080',
    });
  });

  it.each([
    { draw: 0.05, fires: true },
    { draw: 0.5, fires: false },
  ])(
    'given a 10% abort and draw $draw, then the abort fires ($fires) and what follows is unreached only then',
    ({ draw, fires }) => {
      const text = readFileSync(
        new URL('../../../examples/fault-injection.yaml', import.meta.url),
        'utf8',
      ).replace(
        /httpStatus: 503\n(\s+)percentage:\n\s+value: 100/,
        'httpStatus: 503\n$1percentage:\n$1  value: 10',
      );
      const trace = simulate(designOf(text), { ...ABORT, draw });
      // the last destination step is the route's (the first is the called host)
      const destination = trace.steps.findLast((step) => step.kind === 'destination');
      expect(trace.steps.find((step) => step.kind === 'fault')?.probability).toBe(10);
      expect(destination?.status).toBe(fires ? 'unreached' : 'matched');
      expect(trace.nodes.includes('Service/bookinfo/ratings')).toBe(!fires);
      expect(trace.outcome.flag).toBe(fires ? 'FI' : null);
    },
  );
});

describe('simulate: the rules tried', () => {
  it('given a sidecar call without end-user, then the rule tried names its match entry and points at the header that failed, as at a gateway', () => {
    const design = example('header-routing-subsets');
    const trace = simulate(design, { url: 'http://reviews:9080/reviews/0', from: PRODUCT_PAGE });
    const failed = trace.steps.find((step) => step.kind === 'rule' && step.status === 'failed');
    expect(failed?.title).toBe('bookinfo/reviews http[0] "jason-sees-v2" match[0]');
    expect(failed?.reason).toBe('header end-user: wanted exact "jason", got none');
    expect(sourceText(design, failed)).toBe('end-user:');
    expect(failed?.condition).toEqual({
      field: 'header',
      name: 'end-user',
      wanted: { operator: 'exact', value: 'jason' },
      got: null,
    });
    expect(failed?.conditions).toEqual({ held: 0, total: 1 });
  });

  it('given an ingress request, then a failed rule carries its condition as data and how many of the entry held', () => {
    const design = example('seed-ingress');
    const text = design.files[0]?.text ?? '';
    const withMatch = text.replace(
      '  http:\n  - route:',
      `  http:
  - name: beta-api
    match:
    - uri:
        prefix: /api
      method:
        exact: POST
      headers:
        x.beta:
          exact: "on"
    route:
    - destination:
        host: proxy
  - route:`,
    );
    expect(withMatch).not.toBe(text);
    const changed = designOf(withMatch, 'seed-ingress.yaml');
    const trace = simulate(changed, {
      url: 'http://example.com/api/users',
      method: 'GET',
      headers: { 'x.beta': 'on' },
    });
    const failed = trace.steps.find((step) => step.kind === 'rule' && step.status === 'failed');
    expect(failed?.title).toBe('default/proxy http[0] "beta-api" match[0]');
    // the method fails first (Envoy's order), and the uri and the header hold
    expect(failed?.condition).toEqual({
      field: 'method',
      wanted: { operator: 'exact', value: 'POST' },
      got: 'GET',
    });
    expect(failed?.conditions).toEqual({ held: 2, total: 3 });
    expect(sourceText(changed, failed)).toBe('method:');
    // a header name with a dot is one key of the path, not two
    const header = simulate(changed, {
      url: 'http://example.com/api/users',
      method: 'POST',
      headers: { 'x.beta': 'off' },
    }).steps.find((step) => step.kind === 'rule' && step.status === 'failed');
    expect(header?.condition).toMatchObject({ field: 'header', name: 'x.beta', got: 'off' });
    expect(sourceText(changed, header)).toBe('x.beta:');
  });
});

describe('simulate: the virtual host', () => {
  it('given an ingress request, then the virtual-host step points at the server host it came from, on the server it selects', () => {
    const design = example('shared-gateway-teams');
    const trace = simulate(design, { url: 'http://pay.example.com/webhooks/charge-succeeded' });
    const virtualHost = trace.steps.find((step) => step.kind === 'virtualHost');
    expect(virtualHost).toMatchObject({
      status: 'matched',
      title: 'Virtual host pay.example.com in route table http.8080',
      node: 'Gateway/istio-ingress/shared-gateway#server/0',
    });
    // node and source agree: the range is the host entry of that server the domain falls under
    expect(sourceText(design, virtualHost)).toBe('payments/pay.example.com');
    expect(within(virtualHost?.source, locate(design, virtualHost?.node ?? ''))).toBe(true);
    // the VirtualService side of the vhost is the next step's, pointing at its own hosts
    const virtualService = trace.steps[trace.steps.indexOf(virtualHost as TraceStep) + 1];
    expect(virtualService).toMatchObject({
      kind: 'virtualService',
      node: 'VirtualService/payments/pay',
    });
    expect(sourceText(design, virtualService)).toBe('hosts:');
  });

  it('given a server for every host, then the source is that host', () => {
    const design = example('seed-ingress');
    const step = simulate(design, { url: 'http://example.com/' }).steps.find(
      (candidate) => candidate.kind === 'virtualHost',
    );
    expect(step?.node).toBe('Gateway/istio-system/default-gateway#server/0');
    expect(sourceText(design, step)).toBe("'*'");
  });
});
