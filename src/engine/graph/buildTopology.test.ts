import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { buildTopology, destinationPercents, ruleDisplayName } from './buildTopology';
import type { TopologyEdge, TopologyNode } from './types';

const loadBalancer = `apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]`;
const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["secure.example.com"]
    tls: {credentialName: cert}`;
const webService = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]`;
const deployment = (name: string, labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default}
spec:
  template:
    metadata: {labels: ${labels}}`;
const virtualService = (spec: string, name = 'web', namespace = 'default') =>
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}`;

const topologyOf = (...texts: string[]) => buildTopology(designOf(documents(...texts)).model);
const edgesOfType = (edges: readonly TopologyEdge[], type: TopologyEdge['type']) =>
  edges.filter((edge) => edge.type === type);
const node = (nodes: readonly TopologyNode[], id: string) => nodes.find((entry) => entry.id === id);

describe('destinationPercents (routing-semantics §2.8.1)', () => {
  it.each([
    { weights: [90, 10], percents: [90, 10] },
    { weights: [3, 1], percents: [75, 25] },
    { weights: [0], percents: [100] },
    { weights: [undefined], percents: [100] },
    { weights: [50, 0, 50], percents: [50, 0, 50] },
    { weights: [undefined, 20], percents: [0, 100] },
    { weights: [0, 0], percents: [0, 0] },
    { weights: [-5, 5], percents: [0, 100] },
  ])('given weights $weights, then shares $percents', ({ weights, percents }) => {
    expect(destinationPercents(weights)).toEqual(percents);
  });
});

describe('ruleDisplayName', () => {
  it.each([
    { section: 'http', index: 0, name: undefined, display: 'rule 0' },
    { section: 'http', index: 2, name: 'cart', display: 'cart' },
    { section: 'tcp', index: 1, name: undefined, display: 'tcp rule 1' },
    { section: 'tls', index: 0, name: '', display: 'tls rule 0' },
  ] as const)(
    'given $section $index named $name, then "$display"',
    ({ section, index, name, display }) => {
      expect(ruleDisplayName(section, index, name)).toBe(display);
    },
  );
});

describe('buildTopology: the ingress chain', () => {
  const topology = topologyOf(
    loadBalancer,
    gateway,
    virtualService(`  hosts: ["*"]
  gateways: [istio-system/public]
  http:
  - name: split
    route:
    - {destination: {host: web, subset: v1}, weight: 3}
    - {destination: {host: web, subset: v2}, weight: 1}
    mirror: {host: web}
    mirrorPercentage: {value: 5}
  - route: [{destination: {host: reviews.prod}}]`),
    webService,
    deployment('web-v1', '{app: web, version: v1}'),
    deployment('web-v2', '{app: web, version: v2}'),
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: web
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]`,
  );

  it('then the nodes come in ingress order with their labels', () => {
    expect(topology.nodes.map((entry) => `${entry.type}: ${entry.label}`)).toEqual([
      'loadBalancer: Service istio-system/istio-ingressgateway',
      'gateway: Gateway istio-system/public',
      'virtualService: VirtualService default/web',
      'service: Service default/web',
      'destinationRule: DestinationRule default/web',
      'workload: Deployment default/web-v1',
      'workload: Deployment default/web-v2',
      'missing: Host reviews.prod (missing)',
    ]);
  });

  it('then the Gateway servers are ports with listener port, protocol, hosts and TLS mode', () => {
    const gatewayNode = node(topology.nodes, 'Gateway/istio-system/public');
    expect(gatewayNode?.type === 'gateway' && gatewayNode.servers).toEqual([
      {
        id: 'Gateway/istio-system/public#server/0',
        index: 0,
        port: 80,
        listenerPort: 8080,
        protocol: 'HTTP',
        hosts: ['*'],
        httpsRedirect: false,
        section: 'http',
      },
      {
        id: 'Gateway/istio-system/public#server/1',
        index: 1,
        port: 443,
        listenerPort: 8443,
        protocol: 'HTTPS',
        hosts: ['secure.example.com'],
        tlsMode: 'PASSTHROUGH',
        httpsRedirect: false,
        section: 'tls',
      },
    ]);
  });

  it('then the VirtualService rules are parts in order with display names', () => {
    const virtualServiceNode = node(topology.nodes, 'VirtualService/default/web');
    expect(virtualServiceNode?.type === 'virtualService' && virtualServiceNode.rules).toEqual([
      {
        id: 'VirtualService/default/web#http/0',
        section: 'http',
        index: 0,
        displayName: 'split',
        action: 'route',
      },
      {
        id: 'VirtualService/default/web#http/1',
        section: 'http',
        index: 1,
        displayName: 'rule 1',
        action: 'route',
      },
    ]);
  });

  it('then the LoadBalancer edge carries the port mapping that reaches server 0 only', () => {
    expect(edgesOfType(topology.edges, 'loadBalancer')).toEqual([
      {
        id: 'loadBalancer:Service/istio-system/istio-ingressgateway->Gateway/istio-system/public',
        type: 'loadBalancer',
        source: 'Service/istio-system/istio-ingressgateway',
        target: 'Gateway/istio-system/public',
        dangling: false,
        mappings: [
          { servicePort: 80, targetPort: 8080, serverIndex: 0, serverPort: 80 },
          { servicePort: 443, targetPort: 8443, serverIndex: 1, serverPort: 443 },
        ],
      },
    ]);
  });

  it('then the VirtualService binds to the http server only: it has no tls rules for the passthrough one', () => {
    expect(
      edgesOfType(topology.edges, 'binding').map((edge) => [edge.sourcePart, edge.dangling]),
    ).toEqual([['Gateway/istio-system/public#server/0', false]]);
  });

  it('then route edges carry subset, port and percentage, and an unknown host dangles', () => {
    expect(
      edgesOfType(topology.edges, 'route').map((edge) =>
        edge.type === 'route'
          ? [edge.id, edge.target, edge.subset, edge.port, edge.percent, edge.dangling, edge.reason]
          : [],
      ),
    ).toEqual([
      [
        'route:VirtualService/default/web#http/0/0',
        'Service/default/web',
        'v1',
        80,
        75,
        false,
        undefined,
      ],
      [
        'route:VirtualService/default/web#http/0/1',
        'Service/default/web',
        'v2',
        80,
        25,
        false,
        undefined,
      ],
      [
        'route:VirtualService/default/web#http/1/0',
        'missing:host/reviews.prod',
        undefined,
        undefined,
        100,
        true,
        'no Service or ServiceEntry has host reviews.prod',
      ],
    ]);
  });

  it('then the mirror edge carries its percentage', () => {
    expect(edgesOfType(topology.edges, 'mirror')).toMatchObject([
      { id: 'mirror:VirtualService/default/web#http/0', target: 'Service/default/web', percent: 5 },
    ]);
  });

  it('then Service -> workloads, DestinationRule -> Service and subsets -> workloads', () => {
    const ids = (type: TopologyEdge['type']) =>
      edgesOfType(topology.edges, type).map((edge) => edge.id);
    expect(ids('selects')).toEqual([
      'selects:Service/default/web->Deployment/default/web-v1',
      'selects:Service/default/web->Deployment/default/web-v2',
    ]);
    expect(ids('destinationRule')).toEqual([
      'destinationRule:DestinationRule/default/web->Service/default/web',
    ]);
    expect(ids('subset')).toEqual([
      'subset:DestinationRule/default/web#subset/0->Deployment/default/web-v1',
      'subset:DestinationRule/default/web#subset/1->Deployment/default/web-v2',
    ]);
  });

  it('then namespaces group the nodes, placeholders outside any namespace left out', () => {
    expect(
      topology.namespaces.map((namespace) => [namespace.name, namespace.nodeIds.length]),
    ).toEqual([
      ['default', 5],
      ['istio-system', 2],
    ]);
  });
});

describe('buildTopology: dangling and implicit', () => {
  it('given no LoadBalancer Service, then Istio default ingress Service is an implicit node', () => {
    const topology = topologyOf(gateway);
    const implicit = node(topology.nodes, 'Service/istio-system/istio-ingressgateway');
    expect(implicit).toMatchObject({ type: 'loadBalancer', implicit: true });
    expect(edgesOfType(topology.edges, 'loadBalancer')[0]).toMatchObject({
      source: 'Service/istio-system/istio-ingressgateway',
      dangling: false,
    });
  });

  it.each([
    {
      name: 'a missing Gateway',
      spec: '  hosts: [a.com]\n  gateways: [public]\n  http: [{route: [{destination: {host: web}}]}]',
      source: 'missing:Gateway/default/public',
      reason: 'Gateway default/public does not exist (gateways: public)',
    },
    {
      name: 'a Gateway whose hosts do not intersect',
      spec: '  hosts: [example.com]\n  gateways: [istio-system/public]\n  http: [{route: [{destination: {host: web}}]}]',
      source: 'Gateway/istio-system/public',
      reason:
        'server 0: hosts do not intersect: server *.example.com, VirtualService example.com; server 1: hosts do not intersect: server secure.example.com, VirtualService example.com',
    },
  ])('given $name, then the binding edge dangles with the reason', ({ spec, source, reason }) => {
    const topology = topologyOf(
      gateway.replace('hosts: ["*"]', 'hosts: ["*.example.com"]'),
      virtualService(spec),
    );
    expect(edgesOfType(topology.edges, 'binding')).toEqual([
      {
        id: `binding:${source}->VirtualService/default/web`,
        type: 'binding',
        source,
        target: 'VirtualService/default/web',
        dangling: true,
        reason,
        hosts: [],
      },
    ]);
  });

  it('given a dotted destination that names a Service, then the reason hints at the FQDN', () => {
    const topology = topologyOf(
      webService,
      virtualService('  hosts: [a.com]\n  http: [{route: [{destination: {host: web.default}}]}]'),
    );
    expect(edgesOfType(topology.edges, 'route')[0]?.reason).toBe(
      'no Service or ServiceEntry has host web.default; dotted names are not expanded, did you mean web.default.svc.cluster.local?',
    );
  });

  it('given delegates, then delegate edges point at them or dangle', () => {
    const topology = topologyOf(
      virtualService(
        '  hosts: [a.com]\n  http:\n  - delegate: {name: reviews}\n  - delegate: {name: ghost, namespace: shop}\n  - delegate: {name: hidden, namespace: shop}',
        'root',
      ),
      virtualService('  http: [{route: [{destination: {host: web}}]}]', 'reviews'),
      virtualService(
        '  exportTo: ["."]\n  http: [{route: [{destination: {host: web}}]}]',
        'hidden',
        'shop',
      ),
    );
    expect(
      edgesOfType(topology.edges, 'delegate').map((edge) => [
        edge.target,
        edge.dangling,
        edge.reason,
      ]),
    ).toEqual([
      ['VirtualService/default/reviews', false, undefined],
      [
        'missing:VirtualService/shop/ghost',
        true,
        'delegate VirtualService shop/ghost does not exist; the rule is skipped',
      ],
      [
        'VirtualService/shop/hidden',
        true,
        'delegate VirtualService shop/hidden is not exported to default; the rule is skipped',
      ],
    ]);
    expect(node(topology.nodes, 'VirtualService/default/reviews')).toMatchObject({
      delegate: true,
    });
  });

  it('given tcp and tls rules to a ServiceEntry, then their edges leave from the L4 rule parts', () => {
    const topology = topologyOf(
      `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: db}
spec:
  hosts: [db.example.com]
  ports: [{number: 5432, name: tcp, protocol: TCP}]`,
      virtualService(
        '  hosts: [db.example.com]\n  tcp: [{route: [{destination: {host: db.example.com}}]}]\n  tls: [{match: [{sniHosts: [db.example.com]}], route: [{destination: {host: db.example.com}}]}]',
      ),
    );
    expect(
      edgesOfType(topology.edges, 'route').map((edge) => [
        edge.sourcePart,
        edge.target,
        edge.type === 'route' && edge.port,
      ]),
    ).toEqual([
      ['VirtualService/default/web#tcp/0', 'ServiceEntry/default/db', 5432],
      ['VirtualService/default/web#tls/0', 'ServiceEntry/default/db', 5432],
    ]);
  });

  it('given a resource with diagnostics, then its node counts them', () => {
    const topology = topologyOf(virtualService('  hosts: a.com\n  http: [{timeout: 5}]'));
    expect(node(topology.nodes, 'VirtualService/default/web')?.diagnostics).toBe(2);
  });

  it('given an edit to another document, then edge ids stay the same', () => {
    const before = topologyOf(
      loadBalancer,
      gateway,
      virtualService(
        '  hosts: ["*"]\n  gateways: [istio-system/public]\n  http: [{route: [{destination: {host: web}}]}]',
      ),
      webService,
    );
    const after = topologyOf(
      loadBalancer,
      gateway,
      virtualService(
        '  hosts: ["*"]\n  gateways: [istio-system/public]\n  http: [{route: [{destination: {host: web}}]}]',
      ),
      webService.replace('targetPort: 8080', 'targetPort: 9090'),
    );
    expect(after.edges.map((edge) => edge.id)).toEqual(before.edges.map((edge) => edge.id));
  });
});
