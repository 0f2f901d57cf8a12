import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { applyEdits } from './applyEdits';
import { canConnect, connectionIntent, parseNodeId, planConnection } from './connections';
import { isRefused } from './intents';

const design = designOf(
  documents(
    `apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}]`,
    `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {app: old-proxy}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["shop.example.com"]`,
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: shop}
spec:
  hosts: [shop]
  http:
  - name: api
    route:
    - destination: {host: api}
  - name: web
    route:
    - destination: {host: web}`,
    `apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{name: http, port: 80}]`,
    `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8080}, {name: grpc-admin, port: 9000}]`,
    `apiVersion: v1
kind: Service
metadata: {name: billing, namespace: finance}
spec:
  selector: {app: billing}
  ports: [{name: http, port: 80}]`,
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web-v2, namespace: shop}
spec:
  selector: {matchLabels: {version: v2}}
  template:
    metadata: {labels: {version: v2}}
    spec: {containers: [{name: web, image: web:2}]}`,
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  subsets: [{name: v2, labels: {version: v2}}]`,
    `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: partners, namespace: shop}
spec:
  hosts: ["*.partner.example.com"]
  ports: [{number: 443, name: tls, protocol: TLS}]`,
  ),
);

const VIRTUAL_SERVICE = 'VirtualService/shop/shop';

describe('parseNodeId', () => {
  it('splits a resource key from a part', () => {
    expect(parseNodeId('Gateway/istio-system/public')).toEqual({
      key: 'Gateway/istio-system/public',
    });
    expect(parseNodeId(`${VIRTUAL_SERVICE}#http/1`)).toEqual({
      key: VIRTUAL_SERVICE,
      part: { section: 'http', index: 1 },
    });
    expect(parseNodeId('Gateway/istio-system/public#server/0')?.part).toEqual({
      section: 'servers',
      index: 0,
    });
    expect(parseNodeId('Gateway/istio-system/public#bogus/0')).toBeUndefined();
  });
});

describe('connectionIntent', () => {
  it.each([
    [
      'a LoadBalancer to a Gateway server selects its pods',
      'Service/istio-system/ingress',
      'Gateway/istio-system/public#server/0',
      {
        type: 'gateway.selectLoadBalancer',
        gateway: 'Gateway/istio-system/public',
        loadBalancer: 'Service/istio-system/ingress',
      },
    ],
    [
      'a Gateway server to a VirtualService binds it to that server',
      'Gateway/istio-system/public#server/0',
      VIRTUAL_SERVICE,
      {
        type: 'virtualService.bindGateway',
        virtualService: VIRTUAL_SERVICE,
        gateway: 'Gateway/istio-system/public',
        server: 0,
      },
    ],
    [
      'a rule to a Service in its namespace adds a short-named destination',
      `${VIRTUAL_SERVICE}#http/1`,
      'Service/shop/api',
      {
        type: 'route.addDestination',
        virtualService: VIRTUAL_SERVICE,
        rule: 1,
        destination: { host: 'api' },
      },
    ],
    [
      'a rule to a Service elsewhere uses its FQDN',
      `${VIRTUAL_SERVICE}#http/0`,
      'Service/finance/billing',
      {
        type: 'route.addDestination',
        virtualService: VIRTUAL_SERVICE,
        rule: 0,
        destination: { host: 'billing.finance.svc.cluster.local' },
      },
    ],
    [
      'a rule to one port of a multi-port Service names that port',
      `${VIRTUAL_SERVICE}#http/0`,
      'Service/shop/web#port/1',
      {
        type: 'route.addDestination',
        virtualService: VIRTUAL_SERVICE,
        rule: 0,
        destination: { host: 'web', port: { number: 9000 } },
      },
    ],
    [
      'a rule to a subset routes to the subset',
      `${VIRTUAL_SERVICE}#http/0`,
      'DestinationRule/shop/web#subset/0',
      {
        type: 'route.addDestination',
        virtualService: VIRTUAL_SERVICE,
        rule: 0,
        destination: { host: 'web', subset: 'v2' },
      },
    ],
    [
      'a Service to a workload makes it select the pods',
      'Service/shop/web',
      'Deployment/shop/web-v2',
      {
        type: 'service.selectWorkload',
        service: 'Service/shop/web',
        workload: 'Deployment/shop/web-v2',
      },
    ],
    [
      'a DestinationRule to a Service in another namespace sets its FQDN as host',
      'DestinationRule/shop/web',
      'Service/finance/billing',
      {
        type: 'destinationRule.setHost',
        destinationRule: 'DestinationRule/shop/web',
        host: 'billing.finance.svc.cluster.local',
      },
    ],
  ])('%s', (_, source, target, intent) => {
    expect(connectionIntent(design, source, target)).toEqual({ intent });
  });

  it.each([
    ['Service/shop/api', 'Gateway/istio-system/public', /only a LoadBalancer Service exposes one/],
    [VIRTUAL_SERVICE, 'Gateway/istio-system/public', /Connect from the Gateway/],
    [VIRTUAL_SERVICE, 'Service/shop/api', /Connect from one of its rules/],
    [`${VIRTUAL_SERVICE}#http/0`, 'ServiceEntry/shop/partners', /only wildcard hosts/],
    ['Service/shop/api', VIRTUAL_SERVICE, /not to a VirtualService/],
    ['Service/shop/api', 'Service/shop/api', /itself/],
    ['missing:Service/shop/nowhere', 'Service/shop/api', /not in the design yet/],
    [`${VIRTUAL_SERVICE}#http/0`, 'DestinationRule/shop/web', /one of its subsets/],
  ])('refuses %s -> %s with a reason', (source, target, reason) => {
    const meaning = connectionIntent(design, source, target);
    expect('refused' in meaning ? meaning.refused : '').toMatch(reason);
  });
});

describe('planConnection and canConnect', () => {
  it('plans the edit a connection stands for', () => {
    const plan = planConnection(
      design,
      'Service/istio-system/ingress',
      'Gateway/istio-system/public',
    );
    if (isRefused(plan)) throw new Error(plan.refused);
    const text = design.files[0]?.text ?? '';
    expect(applyEdits(text, plan.edits)).toContain('selector: {istio: ingressgateway}');
  });

  it('tells the hover whether a connection would change anything', () => {
    expect(canConnect(design, `${VIRTUAL_SERVICE}#http/0`, 'Service/shop/api')).toEqual({
      allowed: false,
      reason: 'Rule "api" already routes to api',
    });
    expect(canConnect(design, `${VIRTUAL_SERVICE}#http/0`, 'Service/shop/web')).toMatchObject({
      allowed: true,
      intent: { type: 'route.addDestination', rule: 0 },
    });
  });
});

describe('connections from tcp and tls rules', () => {
  const layer4 = designOf(
    documents(
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: data}
spec:
  hosts: [db]
  tcp:
  - route:
    - destination: {host: pg}`,
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: both, namespace: data}
spec:
  hosts: [both]
  http:
  - route:
    - destination: {host: pg}
  tcp:
  - route:
    - destination: {host: pg}`,
      `apiVersion: v1
kind: Service
metadata: {name: pg, namespace: data}
spec:
  selector: {app: pg}
  ports: [{name: tcp-postgres, port: 5432}]`,
      `apiVersion: v1
kind: Service
metadata: {name: replica, namespace: data}
spec:
  selector: {app: replica}
  ports: [{name: http-metrics, port: 9187}, {name: tcp-postgres, port: 5432}]`,
    ),
  );

  it('adds the destination to the tcp rule drawn from, on its tcp port', () => {
    // when the tcp rule of db is connected to the replica Service
    const meaning = connectionIntent(
      layer4,
      'VirtualService/data/db#tcp/0',
      'Service/data/replica',
    );
    // then it is route.addDestination in the tcp section, naming the port that is not HTTP
    expect(meaning).toEqual({
      intent: {
        type: 'route.addDestination',
        virtualService: 'VirtualService/data/db',
        section: 'tcp',
        rule: 0,
        destination: { host: 'replica', port: { number: 5432 } },
      },
    });
  });

  it('uses the only rule of a tcp-only VirtualService drawn from as a whole', () => {
    const meaning = connectionIntent(layer4, 'VirtualService/data/db', 'Service/data/replica');
    expect('intent' in meaning && meaning.intent.type === 'route.addDestination').toBe(true);
    expect('intent' in meaning && 'section' in meaning.intent && meaning.intent.section).toBe(
      'tcp',
    );
  });

  it('asks for a rule when a VirtualService has an http and a tcp rule', () => {
    expect(canConnect(layer4, 'VirtualService/data/both', 'Service/data/replica')).toEqual({
      allowed: false,
      reason: 'Connect from one of its rules: it has several',
    });
  });
});

describe('binding a Gateway to a VirtualService that applies to mesh', () => {
  const gateway = (hosts: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ${hosts}`;
  const reviews = (gateways: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]${gateways}
  http:
  - route:
    - destination: {host: reviews}`;
  const check = (hosts: string, gateways: string) =>
    canConnect(
      designOf(documents(gateway(hosts), reviews(gateways))),
      'Gateway/istio-system/edge',
      'VirtualService/bookinfo/reviews',
    );

  it('refuses, with the reason as the tooltip, when only a wildcard host would meet the server', () => {
    for (const gateways of ['', '\n  gateways: [mesh]']) {
      const result = check('["*.example.com"]', gateways);
      expect(result.allowed).toBe(false);
      expect(!result.allowed && result.reason).toMatch(/sidecars \(mesh\)/);
    }
  });

  it('adds an exact host the server accepts rather than its wildcard', () => {
    const text = documents(
      gateway('["*.example.com", "reviews.example.com"]'),
      reviews('\n  gateways: [mesh]'),
    );
    const plan = planConnection(
      designOf(text),
      'Gateway/istio-system/edge',
      'VirtualService/bookinfo/reviews',
    );
    if (isRefused(plan)) throw new Error(plan.refused);
    const after = applyEdits(text, plan.edits);
    expect(after).toContain('hosts: [reviews, reviews.example.com]');
    expect(after).not.toContain('reviews, "*');
  });
});
