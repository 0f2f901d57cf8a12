import type { Request } from '../src/engine';
import { loadDesign, readyRequests, simulate } from '../src/engine';
import { generateMesh } from '../src/engine/testing/generateMesh';
import { SIMULATE_BOOKINFO_RATE, SIMULATE_MESH_RATE } from './budgets';
import { callsPerSecond, isMain, printRun } from './measure';
import type { BenchResult } from './types';

// Istio's bookinfo sample behind the default ingress gateway, with its destination rules.
export const BOOKINFO = `
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system, labels: {istio: ingressgateway}}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports:
  - {name: http2, port: 80, targetPort: 8080}
  - {name: https, port: 443, targetPort: 8443}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  template:
    metadata: {labels: {istio: ingressgateway, app: istio-ingressgateway}}
    spec: {containers: [{name: istio-proxy, image: istio/proxyv2}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: bookinfo-gateway, namespace: default}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bookinfo, namespace: default}
spec:
  hosts: ["*"]
  gateways: [bookinfo-gateway]
  http:
  - match:
    - uri: {exact: /productpage}
    - uri: {prefix: /static}
    - uri: {exact: /login}
    - uri: {exact: /logout}
    - uri: {prefix: /api/v1/products}
    route:
    - destination: {host: productpage, port: {number: 9080}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: default}
spec:
  hosts: [reviews]
  http:
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
  - route:
    - {destination: {host: reviews, subset: v1}, weight: 50}
    - {destination: {host: reviews, subset: v3}, weight: 50}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: default}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
  - {name: v3, labels: {version: v3}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: productpage, namespace: default}
spec:
  host: productpage
  subsets: [{name: v1, labels: {version: v1}}]
${['productpage', 'details', 'reviews', 'ratings']
  .map(
    (app) => `---
apiVersion: v1
kind: Service
metadata: {name: ${app}, namespace: default, labels: {app: ${app}}}
spec:
  selector: {app: ${app}}
  ports: [{name: http, port: 9080}]`,
  )
  .join('\n')}
${[
  ['productpage', 'v1'],
  ['details', 'v1'],
  ['reviews', 'v1'],
  ['reviews', 'v2'],
  ['reviews', 'v3'],
  ['ratings', 'v1'],
]
  .map(
    ([app, version]) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}-${version}, namespace: default}
spec:
  selector: {matchLabels: {app: ${app}, version: ${version}}}
  template:
    metadata: {labels: {app: ${app}, version: ${version}}}
    spec: {containers: [{name: ${app}, image: bookinfo/${app}-${version}, ports: [{containerPort: 9080}]}]}`,
  )
  .join('\n')}
`;

export const BOOKINFO_REQUESTS: readonly Request[] = [
  { url: 'http://bookinfo.example.com/productpage' },
  { url: 'http://bookinfo.example.com/static/css/style.css' },
  { url: 'http://bookinfo.example.com/api/v1/products/1/reviews' },
  { url: 'http://bookinfo.example.com/login', method: 'POST' },
  { url: 'http://bookinfo.example.com/nothing-here' },
  {
    url: 'http://reviews:9080/reviews/1',
    from: { namespace: 'default', labels: { app: 'productpage' } },
  },
  {
    url: 'http://reviews:9080/reviews/1',
    headers: { 'end-user': 'jason' },
    from: { namespace: 'default', labels: { app: 'productpage' } },
  },
  { url: 'https://bookinfo.example.com/productpage' },
];

/**
 * Simulated requests per second on a bookinfo-sized design (ingress and mesh requests) and on a
 * generated 1,000-resource mesh (one request per VirtualService host). Per-model precomputation
 * happens on the first request of each design, before measuring.
 */
export async function run(): Promise<readonly BenchResult[]> {
  const bookinfo = loadDesign([{ name: 'bookinfo.yaml', text: BOOKINFO }]);
  const bookinfoRate = callsPerSecond((request) => simulate(bookinfo, request), BOOKINFO_REQUESTS);

  const mesh = generateMesh({ resources: 1000, seed: 1 });
  const meshDesign = loadDesign([{ name: 'mesh.yaml', text: mesh.text }]);
  const meshRequests = readyRequests(meshDesign.model).map((ready) => ready.request);
  const meshRate = callsPerSecond((request) => simulate(meshDesign, request), meshRequests);

  return [
    {
      name: `simulate, bookinfo (${bookinfo.model.resources.length} resources, ${BOOKINFO_REQUESTS.length} requests round-robin)`,
      value: Math.round(bookinfoRate),
      unit: 'req/s',
      budget: SIMULATE_BOOKINFO_RATE,
    },
    {
      name: `simulate, generated mesh (${mesh.resourceCount} resources, ${meshRequests.length} requests round-robin)`,
      value: Math.round(meshRate),
      unit: 'req/s',
      budget: SIMULATE_MESH_RATE,
    },
  ];
}

if (isMain(import.meta.url)) await printRun(run);
