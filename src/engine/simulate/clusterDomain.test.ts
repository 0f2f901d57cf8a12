import { describe, expect, it } from 'vitest';
import { buildTopology } from '../graph/buildTopology';
import { designOf, documents } from '../testing/designOf';
import { simulate } from './simulate';

// The design's cluster domain (an IstioOperator's values.global.proxy.clusterDomain) names every
// Service; routes written with FQDNs in that domain reach their Services.
const OPERATOR = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: installed, namespace: istio-system}
spec: {values: {global: {proxy: {clusterDomain: corp.example}}}}`;

const DESIGN = [
  `apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}]`,
  `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`,
  `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]`,
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v2, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews, version: v2}}
  template: {metadata: {labels: {app: reviews, version: v2}}}`,
  `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews.bookinfo.svc.corp.example
  subsets: [{name: v2, labels: {version: v2}}]`,
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: front, namespace: default}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/public]
  http: [{route: [{destination: {host: reviews.bookinfo.svc.corp.example, subset: v2}}]}]`,
];

describe('simulate and topology: the cluster domain setting', () => {
  it('given the domain corp.example, when an ingress request routes to reviews.bookinfo.svc.corp.example, then it reaches the v2 pods', () => {
    const trace = simulate(designOf(documents(OPERATOR, ...DESIGN)), {
      url: 'http://shop.example.com/reviews',
    });
    expect(trace.outcome.status).toBeNull();
    expect(trace.outcome.destination).toMatchObject({
      host: 'reviews.bookinfo.svc.corp.example',
      port: 9080,
      subset: 'v2',
    });
  });

  it('given the default domain, when the same request is sent, then Envoy has no such cluster (503 NC)', () => {
    const trace = simulate(designOf(documents(...DESIGN)), {
      url: 'http://shop.example.com/reviews',
    });
    expect([trace.outcome.status, trace.outcome.flag]).toEqual([503, 'NC']);
  });

  it.each(['reviews.bookinfo', 'reviews.bookinfo.svc', 'reviews.bookinfo.svc.corp.example'])(
    'given the domain corp.example, when a sidecar calls %s, then the DNS search path completes it in that domain',
    (called) => {
      const trace = simulate(designOf(documents(OPERATOR, ...DESIGN)), {
        url: `http://${called}:9080/`,
        from: { namespace: 'default', labels: { app: 'productpage' } },
      });
      expect(trace.outcome.destination?.host).toBe('reviews.bookinfo.svc.corp.example');
      expect(trace.outcome.status).toBeNull();
    },
  );

  it('given the domain corp.example, then the topology draws the route and the DestinationRule to the Service, none dangling', () => {
    const topology = buildTopology(designOf(documents(OPERATOR, ...DESIGN)).model);
    const toReviews = topology.edges.filter((edge) => edge.target === 'Service/bookinfo/reviews');
    expect(toReviews.map((edge) => [edge.source, edge.dangling])).toEqual(
      expect.arrayContaining([
        ['VirtualService/default/front', false],
        ['DestinationRule/bookinfo/reviews', false],
      ]),
    );
    expect(topology.byId.get('Service/bookinfo/reviews')).toMatchObject({
      host: 'reviews.bookinfo.svc.corp.example',
    });
  });

  it('given the default domain, then the same route points at a missing host', () => {
    const topology = buildTopology(designOf(documents(...DESIGN)).model);
    expect(topology.edges.filter((edge) => edge.target === 'Service/bookinfo/reviews')).toEqual([]);
  });
});
