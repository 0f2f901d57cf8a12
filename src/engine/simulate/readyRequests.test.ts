import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { readyRequests } from './readyRequests';
import { simulate } from './simulate';

const DESIGN = documents(
  `apiVersion: v1\nkind: Service\nmetadata: {name: istio-ingressgateway, namespace: istio-system}\nspec:\n  type: LoadBalancer\n  selector: {istio: ingressgateway}\n  ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]`,
  `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: public, namespace: istio-system}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*.example.com"]}\n  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [shop.example.com], tls: {mode: SIMPLE, credentialName: shop}}`,
  `apiVersion: v1\nkind: Service\nmetadata: {name: reviews, namespace: default}\nspec:\n  selector: {app: reviews}\n  ports: [{name: http, port: 9080}]`,
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: shop, namespace: default}\nspec:\n  hosts: [shop.example.com]\n  gateways: [istio-system/public]\n  http: [{match: [{uri: {prefix: /cart}}], route: [{destination: {host: reviews}}]}]`,
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews, namespace: default}\nspec:\n  hosts: [reviews]\n  http: [{route: [{destination: {host: reviews}}]}]`,
);

describe('readyRequests from the mesh', () => {
  const deployment = (name: string, labels: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: default}\nspec:\n  selector: {matchLabels: ${labels}}\n  template: {metadata: {labels: ${labels}}}`;

  it('given workloads in the namespace, then the call comes from one that is not the destination, with its labels', () => {
    const design = designOf(
      `${DESIGN}---\n${documents(
        deployment('reviews-v1', '{app: reviews, version: v1}'),
        deployment('productpage-v1', '{app: productpage, version: v1}'),
      )}`,
    );
    const mesh = readyRequests(design.model).filter((entry) => entry.label.includes(' from '));
    expect(mesh.map((entry) => entry.label)).toEqual([
      'GET http://reviews.default.svc.cluster.local:9080/ from default/productpage-v1 (default/reviews)',
    ]);
    expect(mesh[0]?.request.from).toEqual({
      namespace: 'default',
      labels: { app: 'productpage', version: 'v1' },
    });
    expect(simulate(design, mesh[0]?.request ?? { url: '' }).outcome.virtualService).toBe(
      'default/reviews',
    );
  });
});

describe('readyRequests', () => {
  const design = designOf(DESIGN);
  const ready = readyRequests(design.model);

  it('given VirtualServices on a Gateway and on the mesh, then one request per host and server, and one from the mesh', () => {
    expect(ready.map((entry) => entry.label)).toEqual([
      'GET http://shop.example.com/cart (default/shop)',
      'GET https://shop.example.com/cart (default/shop)',
      'GET http://reviews.default.svc.cluster.local:9080/ from default (default/reviews)',
    ]);
  });

  it('given a limit, then the first requests of the same list, no more', () => {
    expect(readyRequests(design.model, 2)).toEqual(ready.slice(0, 2));
    expect(readyRequests(design.model, 0)).toEqual([]);
  });

  it('given the ready requests, then each reaches its VirtualService when simulated', () => {
    for (const entry of ready) {
      expect(simulate(design, entry.request).outcome.virtualService).toBe(entry.virtualService);
    }
  });
});
