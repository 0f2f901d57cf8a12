import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import type { Request } from './request';
import { formatDraw, simulate } from './simulate';
import type { Outcome } from './trace';

// Shared pieces of the inline designs: an ingress LoadBalancer in front of a gateway Deployment,
// an HTTP Gateway on port 80, and two applications with two versions each.
const INGRESS = `
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingressgateway, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  template: {metadata: {labels: {istio: ingressgateway, app: istio-ingressgateway}}}`;
const GATEWAY = `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`;
const APPS = ['web', 'api']
  .map(
    (app) => `
apiVersion: v1
kind: Service
metadata: {name: ${app}, namespace: default}
spec:
  selector: {app: ${app}}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}-v1, namespace: default}
spec:
  selector: {matchLabels: {app: ${app}, version: v1}}
  template: {metadata: {labels: {app: ${app}, version: v1}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}-v2, namespace: default}
spec:
  selector: {matchLabels: {app: ${app}, version: v2}}
  template: {metadata: {labels: {app: ${app}, version: v2}}}`,
  )
  .join('\n---\n');

const WEB = { host: 'web.default.svc.cluster.local', port: 80, subset: null };
const API = { host: 'api.default.svc.cluster.local', port: 80, subset: null };

interface Case {
  readonly name: string;
  readonly given: string;
  readonly when: Request;
  readonly then: Partial<Outcome> & { readonly ending?: string; readonly summary?: string };
}

function check({ given, when, then }: Case): void {
  const trace = simulate(designOf(given), when);
  const { ending, summary, ...outcome } = then;
  if (ending !== undefined) expect(trace.ending).toBe(ending);
  if (summary !== undefined) expect(trace.summary).toContain(summary);
  expect(trace.outcome).toMatchObject(outcome);
}

describe('simulate: the way in (LoadBalancer, pod, listener)', () => {
  it.each<Case>([
    {
      name: 'no LoadBalancer Service and no Gateway for the default ingress: nothing can answer',
      given: documents(APPS),
      when: { url: 'http://shop.example.com/' },
      then: { ending: 'unanswerable', summary: 'no LoadBalancer Service', gateway: null },
    },
    {
      name: "no LoadBalancer Service but a Gateway selecting istio=ingressgateway: Istio's default Service is assumed",
      given: documents(
        GATEWAY,
        APPS,
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web}\nspec: {hosts: ["*"], gateways: [istio-system/public], http: [{route: [{destination: {host: web}}]}]}',
      ),
      when: { url: 'http://shop.example.com/' },
      then: { ending: 'upstream', gateway: 'istio-system/public', destination: WEB },
    },
    {
      name: 'a port the LoadBalancer does not expose is refused',
      given: documents(INGRESS, GATEWAY, APPS),
      when: { url: 'http://shop.example.com:8080/' },
      then: { ending: 'refused', summary: 'no LoadBalancer Service exposes port 8080' },
    },
    {
      name: 'an entry naming no LoadBalancer Service cannot be answered',
      given: documents(INGRESS, GATEWAY, APPS),
      when: { url: 'http://shop.example.com/', entry: 'istio-system/other' },
      then: {
        ending: 'unanswerable',
        summary: 'There is no LoadBalancer Service istio-system/other',
      },
    },
    {
      name: 'HTTPS to an HTTP-only pod port has no listener',
      given: documents(INGRESS, GATEWAY, APPS),
      when: { url: 'https://shop.example.com/' },
      then: { ending: 'refused', summary: 'nothing listens on pod port 8443' },
    },
    {
      name: 'TLS spoken to a plain-text HTTP listener closes the connection',
      given: documents(INGRESS, GATEWAY, APPS),
      when: { url: 'https://shop.example.com:80/' },
      then: { ending: 'closed', summary: 'serves plain-text HTTP' },
    },
    {
      name: 'a Gateway with no VirtualService answers 404 NR from the blackhole vhost',
      given: documents(INGRESS, GATEWAY, APPS),
      when: { url: 'http://shop.example.com/' },
      then: {
        ending: 'response',
        status: 404,
        flag: 'NR',
        gateway: 'istio-system/public',
        virtualService: null,
      },
    },
  ])('$name', check);
});

const ROUTES = `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: web
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}, {name: v9, labels: {version: v9}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: default}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/public]
  http:
  - name: jason
    match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: web, subset: v2}}]
  - name: split
    match: [{uri: {prefix: /split}}]
    route:
    - {destination: {host: web, subset: v1}, weight: 3}
    - {destination: {host: web, subset: v2}, weight: 1}
  - name: mixed
    match: [{uri: {prefix: /mixed}}]
    route:
    - {destination: {host: web, subset: v1}, weight: 50}
    - {destination: {host: web, subset: v9}, weight: 50}
  - name: abort
    match: [{uri: {prefix: /abort}}]
    fault: {abort: {httpStatus: 503, percentage: {value: 40}}}
    route: [{destination: {host: api}}]
  - name: grpc
    match: [{uri: {prefix: /grpc}}]
    fault: {abort: {grpcStatus: UNAVAILABLE, percentage: {value: 100}}}
    route: [{destination: {host: api}}]
  - name: cors
    match: [{uri: {prefix: /cors}}]
    corsPolicy: {allowOrigins: [{prefix: "https://app."}], allowMethods: [GET], unmatchedPreflights: IGNORE}
    route: [{destination: {host: api}}]
  - name: body
    match: [{uri: {exact: /bytes}}]
    directResponse: {status: 200, body: {bytes: aGVsbG8=}}
  - name: rest
    route: [{destination: {host: web}}]`;

describe('simulate: rules, actions and destinations', () => {
  const given = documents(INGRESS, GATEWAY, APPS, ROUTES);
  it.each<Case>([
    {
      name: 'a header rule routes to its subset',
      given,
      when: { url: 'http://shop.example.com/', headers: { 'End-User': 'jason' } },
      then: { route: 0, destination: { ...WEB, subset: 'v2' }, status: null },
    },
    {
      name: 'a split lists both destinations with relative weights and no single destination',
      given,
      when: { url: 'http://shop.example.com/split' },
      then: {
        route: 1,
        destination: null,
        destinations: [
          { ...WEB, subset: 'v1', weight: 75 },
          { ...WEB, subset: 'v2', weight: 25 },
        ],
        status: null,
        flag: null,
      },
    },
    {
      name: 'a draw picks one destination of the split by its cumulative share',
      given,
      when: { url: 'http://shop.example.com/split', draw: 0.8 },
      then: { destination: { ...WEB, subset: 'v2' } },
    },
    {
      name: 'a split whose destinations end differently has no single status',
      given,
      when: { url: 'http://shop.example.com/mixed' },
      then: {
        destination: null,
        status: null,
        flag: null,
        ending: 'upstream',
        summary: 'depends on the draw',
      },
    },
    {
      name: 'the draw can land on the destination without endpoints: 503 UH',
      given,
      when: { url: 'http://shop.example.com/mixed', draw: 0.9 },
      then: { destination: { ...WEB, subset: 'v9' }, status: 503, flag: 'UH' },
    },
    {
      name: 'a 40% abort does not fire in the deterministic outcome',
      given,
      when: { url: 'http://shop.example.com/abort' },
      then: { status: null, flag: null, destination: API },
    },
    {
      name: 'a 40% abort fires for a draw under 0.4',
      given,
      when: { url: 'http://shop.example.com/abort', draw: 0.1 },
      then: { status: 503, flag: 'FI', destination: API },
    },
    {
      name: 'a gRPC abort answers 200 with the flag FI',
      given,
      when: { url: 'http://shop.example.com/grpc' },
      then: { status: 200, flag: 'FI', summary: 'gRPC status UNAVAILABLE' },
    },
    {
      name: 'an allowed CORS preflight is answered by the gateway',
      given,
      when: {
        url: 'http://shop.example.com/cors',
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
      },
      then: { status: 200, ending: 'response' },
    },
    {
      name: 'with unmatchedPreflights IGNORE a refused preflight is answered without forwarding',
      given,
      when: {
        url: 'http://shop.example.com/cors',
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      },
      then: { status: 200, ending: 'response' },
    },
    {
      name: 'a direct response body given as bytes is decoded',
      given,
      when: { url: 'http://shop.example.com/bytes' },
      then: { directResponse: { status: 200, body: 'hello' }, status: 200 },
    },
    {
      name: 'a path with dot segments is normalised before matching',
      given,
      when: { url: 'http://shop.example.com/x/../split' },
      then: { route: 1, path: '/split' },
    },
  ])('$name', check);
});

const TLS = `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: tls, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https-a, protocol: HTTPS}
    hosts: ["*.example.com"]
    tls: {mode: SIMPLE, credentialName: wildcard}
  - port: {number: 443, name: https-b, protocol: HTTPS}
    hosts: [b.example.com]
    tls: {mode: SIMPLE, credentialName: b}
  - port: {number: 443, name: https-dup, protocol: HTTPS}
    hosts: [b.example.com]
    tls: {mode: SIMPLE, credentialName: b2}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: all, namespace: default}
spec:
  hosts: ["*.example.com"]
  gateways: [istio-system/tls]
  http: [{route: [{destination: {host: web}}]}]`;

describe('simulate: TLS servers chosen by SNI', () => {
  const given = documents(INGRESS, APPS, TLS);
  it.each<Case>([
    {
      name: 'an exact SNI picks the b.example.com chain',
      given,
      when: { url: 'https://b.example.com/' },
      then: { gateway: 'istio-system/tls', destination: WEB },
    },
    {
      name: 'another name under example.com picks the wildcard chain',
      given,
      when: { url: 'https://c.example.com/' },
      then: { gateway: 'istio-system/tls', destination: WEB },
    },
    {
      name: 'an SNI outside every chain closes the connection',
      given,
      when: { url: 'https://example.org/' },
      then: { ending: 'closed', summary: 'no filter chain' },
    },
    {
      name: 'plain text to the TLS port closes the connection',
      given,
      when: { url: 'http://b.example.com:443/' },
      then: { ending: 'closed', summary: 'expects TLS' },
    },
  ])('$name', check);

  it('given a server repeating a TLS host on the port, then it is dropped with a reason in the trace', () => {
    const trace = simulate(designOf(given), { url: 'https://b.example.com/' });
    const dropped = trace.steps.find(
      (step) => step.kind === 'warning' && step.title.includes('tls[2]'),
    );
    expect(dropped?.reason).toContain('duplicate TLS host b.example.com');
  });
});

const MESH = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: [web]
  http:
  - name: from-api
    match: [{sourceLabels: {app: api}}]
    route: [{destination: {host: web, subset: v2}}]
  - name: other-namespace
    match: [{sourceNamespace: shop}]
    route: [{destination: {host: web, subset: v1}}]
  - name: rest
    route: [{destination: {host: web, subset: v1}}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: web
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]`;

describe('simulate: requests from a workload through its sidecar', () => {
  const given = documents(APPS, MESH);
  it.each<Case>([
    {
      name: 'sourceLabels match the calling workload',
      given,
      when: { url: 'http://web/', from: { namespace: 'default', labels: { app: 'api' } } },
      then: {
        gateway: null,
        virtualService: 'default/web',
        route: 0,
        destination: { ...WEB, subset: 'v2' },
      },
    },
    {
      name: 'sourceNamespace matches the caller namespace, and short names follow its DNS search path',
      given,
      when: { url: 'http://web.default/', from: { namespace: 'shop', labels: { app: 'cart' } } },
      then: { route: 1, destination: { ...WEB, subset: 'v1' } },
    },
    {
      name: 'a Service without VirtualService gets the default route',
      given,
      when: { url: 'http://api/', from: { namespace: 'default', labels: { app: 'web' } } },
      then: {
        virtualService: null,
        route: null,
        destination: API,
        status: null,
        ending: 'upstream',
      },
    },
    {
      name: 'a TCP connection follows the first fitting tcp rule, without HTTP path or Host',
      given: documents(
        APPS,
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: api-tcp, namespace: default}\nspec:\n  hosts: [api]\n  tcp:\n  - match: [{port: 81}]\n    route: [{destination: {host: web}}]\n  - route: [{destination: {host: api, subset: v9}}]',
      ),
      when: { url: 'tcp://api:80', from: { namespace: 'default', labels: { app: 'web' } } },
      then: {
        virtualService: 'default/api-tcp',
        route: 1,
        status: null,
        flag: 'NC',
        path: null,
        authority: null,
        ending: 'closed',
      },
    },
    {
      name: 'a port the Service does not have is outside the design',
      given,
      when: { url: 'http://api:9090/', from: { namespace: 'default', labels: { app: 'web' } } },
      then: { ending: 'unanswerable', summary: 'has no port 9090' },
    },
    {
      name: 'an unknown host is outside the design',
      given,
      when: { url: 'http://nowhere.example.org/', from: { namespace: 'default', labels: {} } },
      then: { ending: 'unanswerable', summary: 'passes the request to its original destination' },
    },
  ])('$name', check);
});

describe('simulate: the trace', () => {
  const design = designOf(documents(INGRESS, GATEWAY, APPS, ROUTES), 'shop.yaml');

  it('given a routed request, then every rule tried says why and the path lists the canvas nodes', () => {
    const trace = simulate(design, {
      url: 'http://shop.example.com/split',
      headers: { 'end-user': 'bob' },
    });
    const tried = trace.steps.filter((step) => step.kind === 'rule');
    expect(tried.map((step) => [step.status, step.reason])).toEqual([
      ['failed', 'header end-user: wanted exact "jason", got "bob"'],
      ['matched', 'every condition of this match entry holds'],
    ]);
    expect(tried[0]?.source).toMatchObject({ file: 'shop.yaml' });
    expect(trace.nodes).toEqual(
      expect.arrayContaining([
        'Service/istio-system/istio-ingressgateway',
        'Gateway/istio-system/public#server/0',
        'VirtualService/default/shop#http/1',
        'DestinationRule/default/web',
        'Deployment/default/web-v1',
      ]),
    );
    const shares = trace.steps
      .filter((step) => step.kind === 'destination')
      .map((step) => step.share);
    expect(shares).toEqual([75, 25]);
    expect(trace.rule).toEqual({
      virtualService: 'default/shop',
      section: 'http',
      index: 1,
      name: 'split',
      routeName: 'split',
    });
  });

  it.each([
    [0.15676493302013927, 'draw 0.15'],
    [0.899, 'draw 0.89'],
    [0.29, 'draw 0.29'],
    [0.8, 'draw 0.8'],
    [0.9999, 'draw 0.99'],
  ])('given a sampled request with draw %s, then its first step reads "%s"', (draw, shown) => {
    const trace = simulate(design, { url: 'http://shop.example.com/split', draw });
    expect(trace.steps[0]?.reason).toMatch(new RegExp(`, ${shown.replace('.', '\\.')}$`));
    expect(`draw ${formatDraw(draw)}`).toBe(shown);
  });

  it('given a fault below 100%, then its probability is in the trace', () => {
    const trace = simulate(design, { url: 'http://shop.example.com/abort' });
    expect(trace.steps.find((step) => step.kind === 'fault')).toMatchObject({
      probability: 40,
      status: 'info',
    });
  });

  it('given an invalid URL, then the trace says so instead of throwing', () => {
    const trace = simulate(design, { url: 'shop.example.com/' });
    expect(trace.ending).toBe('unanswerable');
    expect(trace.summary).toContain('The request is not valid');
  });

  it('given the same model twice, then the second trace equals the first (memoised work changes nothing)', () => {
    const first = simulate(design, { url: 'http://shop.example.com/mixed' });
    const second = simulate(design, { url: 'http://shop.example.com/mixed' });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
