import { describe, expect, it } from 'vitest';
import {
  F0,
  F1,
  analyzeYaml,
  deployment,
  istioOperator,
  messagesOf,
  withCode,
} from '../testing/analyzeYaml';

function virtualService(name: string, namespace: string, spec: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}`;
}

function destinationRule(name: string, namespace: string, spec: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}`;
}

describe('IST0101 ReferencedResourceNotFound: gateways', () => {
  it('given a short gateway name that resolves in the VirtualService namespace (V03), when analyzed, then it is not found', () => {
    const yaml = virtualService(
      'web',
      'default',
      '  hosts: ["*"]\n  gateways: [public]\n  http: [{route: [{destination: {host: web}}]}]',
    );
    const [diagnostic] = withCode('IST0101', [...F0, F1, yaml]);
    expect(diagnostic?.message).toBe('Referenced gateway not found: "public"');
    expect(diagnostic?.level).toBe('error');
    expect(diagnostic?.path).toEqual(['spec', 'gateways', 0]);
  });

  it('given a match-level gateway that does not exist (missed by istioctl, istio/istio#31916), when analyzed, then it is reported', () => {
    const yaml = virtualService(
      'web',
      'default',
      '  hosts: ["shop.example.com"]\n  gateways: [istio-system/public]\n  http: [{match: [{gateways: [bad-gateway]}], route: [{destination: {host: web}}]}]',
    );
    expect(messagesOf('IST0101', [...F0, F1, yaml])).toEqual([
      'Referenced gateway not found: "bad-gateway"',
    ]);
  });

  it('given namespaced, legacy and mesh references that exist, when analyzed, then nothing is reported', () => {
    const yaml = virtualService(
      'web',
      'default',
      '  hosts: ["shop.example.com"]\n  gateways: [istio-system/public, public.istio-system.svc.cluster.local, mesh]\n  http: [{route: [{destination: {host: web}}]}]',
    );
    expect(withCode('IST0101', [...F0, F1, yaml])).toEqual([]);
  });
});

describe('IST0101 ReferencedResourceNotFound: hosts, ports, subsets, mirrors', () => {
  it('given a destination whose short name resolves in another namespace (V40), when analyzed, then the host is not found', () => {
    const yaml = virtualService(
      'names',
      'shop',
      '  hosts: ["shop.example.com"]\n  gateways: [istio-system/public]\n  http:\n  - route: [{destination: {host: web}}]\n  - route: [{destination: {host: web.default.svc.cluster.local}}]',
    );
    const diagnostics = withCode('IST0101', [...F0, F1, yaml]);
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'Referenced host not found: "web"',
    ]);
    expect(diagnostics[0]?.path).toEqual(['spec', 'http', 0, 'route', 0, 'destination', 'host']);
  });

  it('given a port the Service does not expose, and a missing mirror, when analyzed, then host:port and mirror host are reported', () => {
    const yaml = virtualService(
      'web',
      'default',
      '  hosts: [web]\n  http: [{route: [{destination: {host: web, port: {number: 8080}}}], mirror: {host: shadow}}]',
    );
    expect(messagesOf('IST0101', [...F0, yaml])).toEqual([
      'Referenced host:port not found: "web:8080"',
      'Referenced mirror host not found: "shadow"',
    ]);
  });

  it('given a subset no DestinationRule defines (V44), when analyzed, then host+subset is not found', () => {
    const rule = destinationRule(
      'web',
      'default',
      '  host: web\n  subsets: [{name: v1, labels: {version: v1}}]',
    );
    const yaml = virtualService(
      'web',
      'default',
      '  hosts: [web]\n  http: [{route: [{destination: {host: web, subset: v3}}]}]',
    );
    expect(messagesOf('IST0101', [...F0, rule, yaml])).toEqual([
      'Referenced host+subset in destinationrule not found: "web+v3"',
    ]);
  });

  it('given a ServiceEntry exported to a list of namespaces including the VirtualService one (istio/istio#46269), when analyzed, then the host is found', () => {
    const entry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: test-se, namespace: ns-1}
spec:
  exportTo: [".", ns-2]
  hosts: [httpbin.org]
  location: MESH_EXTERNAL
  ports: [{name: https, number: 443, protocol: HTTPS}]
  resolution: DNS`;
    const yaml = virtualService(
      'test-vs',
      'ns-2',
      '  hosts: [httpbin.org]\n  tcp: [{match: [{port: 443}], route: [{destination: {host: httpbin.org, port: {number: 443}}}]}]',
    );
    expect(withCode('IST0101', [entry, yaml])).toEqual([]);
  });

  it('given a ServiceEntry exported elsewhere, when analyzed, then the host is not found and the message says why', () => {
    const entry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: private, namespace: ns-1}
spec:
  exportTo: ["."]
  hosts: [api.example.com]
  ports: [{name: http, number: 80, protocol: HTTP}]
  resolution: DNS`;
    const yaml = virtualService(
      'client',
      'ns-2',
      '  hosts: [api.example.com]\n  http: [{route: [{destination: {host: api.example.com}}]}]',
    );
    expect(messagesOf('IST0101', [entry, yaml])).toEqual([
      'Referenced host not found: "api.example.com" (ServiceEntry ns-1/private exists, but its exportTo [.] hides it from namespace ns-2)',
    ]);
  });

  it('given a cross-namespace FQDN and a DestinationRule in the service namespace, when analyzed, then host and subset are found', () => {
    const rule = destinationRule(
      'cart',
      'shop',
      '  host: cart\n  subsets: [{name: v1, labels: {version: v1}}]',
    );
    const yaml = virtualService(
      'cart',
      'default',
      '  hosts: [cart.shop.svc.cluster.local]\n  http: [{route: [{destination: {host: cart.shop.svc.cluster.local, subset: v1}}]}]',
    );
    expect(withCode('IST0101', [...F0, rule, yaml])).toEqual([]);
  });

  it('given an external host whose DestinationRule is in another namespace (istioctl pairs namespace and name), when analyzed, then the subset is found through the root namespace', () => {
    const entry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: payments, namespace: istio-system}
spec:
  hosts: [pay.example.com]
  ports: [{name: https, number: 443, protocol: TLS}]
  resolution: DNS
  endpoints: [{address: pay.example.com, labels: {region: eu}}]`;
    const rule = destinationRule(
      'payments',
      'istio-system',
      '  host: pay.example.com\n  subsets: [{name: eu, labels: {region: eu}}]',
    );
    const yaml = virtualService(
      'pay',
      'default',
      '  hosts: [pay.example.com]\n  tls: [{match: [{sniHosts: [pay.example.com]}], route: [{destination: {host: pay.example.com, subset: eu}}]}]',
    );
    expect(withCode('IST0101', [entry, rule, yaml])).toEqual([]);
  });

  it('given a DestinationRule exported to "." in another namespace, when a mesh VirtualService uses its subset, then it is not found and the message says why', () => {
    const rule = destinationRule(
      'cart',
      'shop',
      '  host: cart\n  exportTo: ["."]\n  subsets: [{name: v1, labels: {version: v1}}]',
    );
    const yaml = virtualService(
      'cart',
      'default',
      '  hosts: [cart.shop.svc.cluster.local]\n  http: [{route: [{destination: {host: cart.shop.svc.cluster.local, subset: v1}}]}]',
    );
    expect(messagesOf('IST0101', [...F0, rule, yaml])).toEqual([
      'Referenced host+subset in destinationrule not found: "cart.shop.svc.cluster.local+v1" (DestinationRule shop/cart defines it, but its exportTo [.] hides it from namespace default)',
    ]);
  });
});

describe('IST0101 ReferencedResourceNotFound: a custom cluster domain (istio/istio#30807, #48326)', () => {
  // FQDN hosts in the corp.example domain: a cross-namespace destination with a subset, a mirror,
  // and a DestinationRule that names its host in full.
  const cartRule = destinationRule(
    'cart',
    'shop',
    '  host: cart.shop.svc.corp.example\n  subsets: [{name: v1, labels: {version: v1}}]',
  );
  const web = virtualService(
    'web',
    'default',
    '  hosts: [web]\n  http: [{route: [{destination: {host: cart.shop.svc.corp.example, subset: v1}}], mirror: {host: web.default.svc.corp.example}}]',
  );

  it("given FQDN hosts in the design's cluster domain corp.example, when analyzed, then none is reported", () => {
    const diagnostics = analyzeYaml([istioOperator('corp.example'), ...F0, cartRule, web]);
    expect(diagnostics.filter((diagnostic) => diagnostic.code === 'IST0101')).toEqual([]);
    expect(diagnostics.filter((diagnostic) => diagnostic.code === 'IST0174')).toEqual([]);
  });

  it('given the same hosts with the default cluster domain, when analyzed, then each is an error that names the domain in force', () => {
    const found = withCode('IST0101', [...F0, cartRule, web]);
    expect(
      found.map((diagnostic) => [diagnostic.level, diagnostic.path, diagnostic.message]),
    ).toEqual([
      [
        'error',
        ['spec', 'http', 0, 'route', 0, 'destination', 'host'],
        'Referenced host not found: "cart.shop.svc.corp.example" (Service shop/cart is cart.shop.svc.cluster.local: the design\'s cluster domain is cluster.local; set another in an IstioOperator\'s spec.values.global.proxy.clusterDomain)',
      ],
      [
        'error',
        ['spec', 'http', 0, 'route', 0, 'destination', 'subset'],
        'Referenced host+subset in destinationrule not found: "cart.shop.svc.corp.example+v1" (DestinationRule shop/cart defines it, but a proxy in namespace default only looks in its own namespace, the service\'s and istio-system)',
      ],
      [
        'error',
        ['spec', 'http', 0, 'mirror', 'host'],
        'Referenced mirror host not found: "web.default.svc.corp.example" (Service default/web is web.default.svc.cluster.local: the design\'s cluster domain is cluster.local; set another in an IstioOperator\'s spec.values.global.proxy.clusterDomain)',
      ],
    ]);
  });

  it('given the domain corp.example, when a destination names cluster.local, then it is the one reported', () => {
    const yaml = virtualService(
      'web',
      'default',
      '  hosts: [web]\n  http: [{route: [{destination: {host: cart.shop.svc.cluster.local}}]}]',
    );
    expect(messagesOf('IST0101', [istioOperator('corp.example'), ...F0, yaml])).toEqual([
      'Referenced host not found: "cart.shop.svc.cluster.local" (Service shop/cart is cart.shop.svc.corp.example: the design\'s cluster domain is corp.example; set another in an IstioOperator\'s spec.values.global.proxy.clusterDomain)',
    ]);
  });
});

describe('IST0101 ReferencedResourceNotFound: Gateway selectors', () => {
  const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: egress, namespace: istio-system}
spec:
  selector: {istio: egressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`;

  it('given a selector no workload matches while the design has gateway workloads, when analyzed, then it is an error', () => {
    const [diagnostic] = withCode('IST0101', [...F0, gateway]);
    expect(diagnostic?.message).toBe('Referenced selector not found: "istio=egressgateway"');
    expect(diagnostic?.level).toBe('error');
    expect(diagnostic?.path).toEqual(['spec', 'selector', 'istio']);
  });

  it('given the same Gateway in a design without gateway workloads, when analyzed, then it is a warning that the pods may exist in the cluster', () => {
    const [diagnostic] = withCode('IST0101', [gateway]);
    expect(diagnostic?.level).toBe('warning');
    expect(diagnostic?.message).toBe(
      'Referenced selector not found: "istio=egressgateway" (the design has no gateway workload; the gateway pods may exist in the cluster)',
    );
  });

  it('given an egress gateway Deployment, or only a Service selecting those labels, when analyzed, then the selector is found', () => {
    expect(
      withCode('IST0101', [
        gateway,
        deployment('egress', 'istio-system', { istio: 'egressgateway' }),
      ]),
    ).toEqual([]);
    const service = `apiVersion: v1
kind: Service
metadata: {name: egress, namespace: istio-system}
spec:
  selector: {istio: egressgateway}
  ports: [{name: http, port: 80}]`;
    expect(withCode('IST0101', [gateway, service])).toEqual([]);
  });
});
