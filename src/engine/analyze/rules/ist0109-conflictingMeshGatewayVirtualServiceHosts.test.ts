import { describe, expect, it } from 'vitest';
import { istioOperator, messagesOf, withCode } from '../testing/analyzeYaml';

function virtualService(name: string, namespace: string, spec: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}
  http: [{route: [{destination: {host: reviews}}]}]`;
}

describe('IST0109 ConflictingMeshGatewayVirtualServiceHosts', () => {
  it('given two mesh VirtualServices for one host (short name and FQDN), when analyzed, then both get the conflict', () => {
    const first = virtualService('reviews', 'default', '  hosts: [reviews]');
    const second = virtualService(
      'reviews-extra',
      'team',
      '  hosts: [reviews.default.svc.cluster.local]',
    );
    const diagnostics = withCode('IST0109', [first, second]);
    expect(diagnostics.map((diagnostic) => diagnostic.resource)).toEqual([
      'VirtualService/default/reviews',
      'VirtualService/team/reviews-extra',
    ]);
    expect(diagnostics[0]?.message).toBe(
      'The VirtualServices default/reviews,team/reviews-extra associated with mesh gateway define the same host */reviews.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
    );
  });

  it('given a short name and its FQDN in the cluster domain corp.example, when analyzed, then they conflict only with that domain set', () => {
    const first = virtualService('reviews', 'default', '  hosts: [reviews]');
    const second = virtualService(
      'reviews-extra',
      'team',
      '  hosts: [reviews.default.svc.corp.example]',
    );
    expect(messagesOf('IST0109', [istioOperator('corp.example'), first, second])).toEqual([
      'The VirtualServices default/reviews,team/reviews-extra associated with mesh gateway define the same host */reviews.default.svc.corp.example which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
      'The VirtualServices default/reviews,team/reviews-extra associated with mesh gateway define the same host */reviews.default.svc.corp.example which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
    ]);
    expect(withCode('IST0109', [first, second])).toEqual([]);
  });

  it('given the same host exported to different namespaces only (istio/istio#35493), when analyzed, then there is no conflict', () => {
    const first = virtualService('foo', 'dealer', '  exportTo: [dealer]\n  hosts: [foo.net]');
    const second = virtualService('foo', 'finance', '  exportTo: [finance]\n  hosts: [foo.net]');
    expect(withCode('IST0109', [first, second])).toEqual([]);
  });

  it('given one VirtualService that lists a host twice, and gateway-only VirtualServices, when analyzed, then there is no conflict (istio/istio#42561)', () => {
    const self = virtualService(
      'self',
      'services',
      '  gateways: [mesh]\n  hosts: [api, api.services.svc.cluster.local]',
    );
    const ingressA = virtualService(
      'a',
      'default',
      '  gateways: [istio-system/public]\n  hosts: [shop.example.com]',
    );
    const ingressB = virtualService(
      'b',
      'default',
      '  gateways: [istio-system/public]\n  hosts: [shop.example.com]',
    );
    expect(withCode('IST0109', [self, ingressA, ingressB])).toEqual([]);
  });

  it('given a namespace-scoped VirtualService and one exported everywhere, when analyzed, then they conflict in that scope', () => {
    const scoped = virtualService('local', 'default', '  exportTo: ["."]\n  hosts: [reviews]');
    const open = virtualService('open', 'other', '  hosts: [reviews.default.svc.cluster.local]');
    expect(messagesOf('IST0109', [scoped, open])).toHaveLength(2);
  });
});
