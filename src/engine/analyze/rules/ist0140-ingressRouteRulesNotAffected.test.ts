import { describe, expect, it } from 'vitest';
import { F0, F1, withCode } from '../testing/analyzeYaml';

const meshSplit = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web-split, namespace: default}
spec:
  hosts: [web]
  http:
  - route:
    - {destination: {host: web, subset: v1}, weight: 90}
    - {destination: {host: web, subset: v2}, weight: 10}`;

function ingress(destination: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: default}
spec:
  hosts: ["shop.example.com"]
  gateways: [istio-system/public]
  http: [{route: [{destination: ${destination}}]}]`;
}

const rule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: web
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]`;

describe('IST0140 IngressRouteRulesNotAffected', () => {
  it('given an ingress route to a host whose mesh VirtualService splits by subset, when analyzed, then the split does not apply', () => {
    const [diagnostic] = withCode('IST0140', [
      ...F0,
      F1,
      rule,
      meshSplit,
      ingress('{host: web.default.svc.cluster.local}'),
    ]);
    expect(diagnostic?.message).toBe(
      'Subset in virtual service default/web-split has no effect on ingress gateway default/shop requests',
    );
    expect(diagnostic?.resource).toBe('VirtualService/default/shop');
  });

  it('given an ingress route that names a subset itself, when analyzed, then nothing is reported', () => {
    expect(
      withCode('IST0140', [...F0, F1, rule, meshSplit, ingress('{host: web, subset: v2}')]),
    ).toEqual([]);
  });
});
