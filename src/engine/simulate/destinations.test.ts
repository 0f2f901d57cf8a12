import { describe, expect, it } from 'vitest';
import type { Destination } from '../model';
import { designOf, documents } from '../testing/designOf';
import { resolveCluster } from './destinations';

const DESIGN = documents(
  `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]`,
  `apiVersion: v1\nkind: Service\nmetadata: {name: multi, namespace: default}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 8080}, {name: admin, port: 9090}]`,
  `apiVersion: v1\nkind: Service\nmetadata: {name: private, namespace: default, annotations: {networking.istio.io/exportTo: "."}}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80}]`,
  `apiVersion: v1\nkind: Service\nmetadata: {name: alias, namespace: default}\nspec:\n  type: ExternalName\n  externalName: example.org\n  ports: [{name: http, port: 80}]`,
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-v1, namespace: default}\nspec:\n  template: {metadata: {labels: {app: web, version: v1}}}`,
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-v2, namespace: default}\nspec:\n  replicas: 0\n  template: {metadata: {labels: {app: web, version: v2}}}`,
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web, namespace: default}\nspec:\n  host: web\n  trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}\n  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}, trafficPolicy: {loadBalancer: {simple: RANDOM}}}]`,
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web-local, namespace: istio-system}\nspec:\n  host: web.default.svc.cluster.local\n  exportTo: ["."]\n  subsets: [{name: gw, labels: {version: v1}}]`,
  `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: legacy, namespace: default}\nspec:\n  hosts: [legacy.internal]\n  resolution: STATIC\n  ports: [{number: 8080, name: http, protocol: HTTP}]\n  endpoints: [{address: 10.0.0.5, labels: {version: v1}}, {address: 10.0.0.6, labels: {version: v2}}]`,
);

describe('resolveCluster', () => {
  const model = designOf(DESIGN).model;
  it.each<{ given: Destination; from: string; then: Record<string, unknown> }>([
    {
      given: { host: 'web' },
      from: 'default',
      then: { cluster: 'outbound|80||web.default.svc.cluster.local', health: 'ok' },
    },
    {
      given: { host: 'multi' },
      from: 'default',
      then: { cluster: 'outbound|80||multi.default.svc.cluster.local', health: 'noCluster' },
    },
    {
      given: { host: 'multi', port: { number: 9090 } },
      from: 'default',
      then: { port: 9090, health: 'ok' },
    },
    {
      given: { host: 'web.default' },
      from: 'default',
      then: { host: 'web.default', health: 'noCluster' },
    },
    {
      given: { host: 'web', subset: 'v1' },
      from: 'default',
      then: {
        cluster: 'outbound|80|v1|web.default.svc.cluster.local',
        health: 'ok',
        loadBalancer: 'LEAST_REQUEST',
      },
    },
    {
      given: { host: 'web', subset: 'v2' },
      from: 'default',
      then: { health: 'noEndpoints', loadBalancer: 'RANDOM' },
    },
    { given: { host: 'web', subset: 'v3' }, from: 'default', then: { health: 'noCluster' } },
    // From istio-system the gateway sees its own namespace's DR first; it does not define v1.
    { given: { host: 'web', subset: 'gw' }, from: 'istio-system', then: { health: 'ok' } },
    { given: { host: 'web', subset: 'v1' }, from: 'istio-system', then: { health: 'noCluster' } },
    { given: { host: 'private' }, from: 'istio-system', then: { health: 'noCluster' } },
    { given: { host: 'private' }, from: 'default', then: { health: 'ok' } },
    { given: { host: 'alias' }, from: 'default', then: { cluster: 'outbound|80||example.org' } },
    { given: { host: 'legacy.internal' }, from: 'default', then: { port: 8080, health: 'ok' } },
  ])('given $given from $from, then $then', ({ given, from, then }) => {
    expect(resolveCluster(model, given, 'default', 80, from)).toMatchObject(then);
  });

  it('given a ServiceEntry subset without DestinationRule, then no cluster; endpoints follow labels', () => {
    const withRule = designOf(
      documents(
        DESIGN,
        `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: legacy, namespace: default}\nspec:\n  host: legacy.internal\n  subsets: [{name: v2, labels: {version: v2}}]`,
      ),
    ).model;
    expect(
      resolveCluster(model, { host: 'legacy.internal', subset: 'v2' }, 'default', 80, 'default')
        .health,
    ).toBe('noCluster');
    expect(
      resolveCluster(
        withRule,
        { host: 'legacy.internal', subset: 'v2' },
        'default',
        80,
        'default',
      ).endpoints.map((endpoint) => endpoint.label),
    ).toEqual(['10.0.0.6:8080']);
  });

  it('given a design without workloads, then endpoints are not judged', () => {
    const bare = designOf(
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]`,
    ).model;
    const cluster = resolveCluster(bare, { host: 'web' }, 'default', 80, 'default');
    expect(cluster.health).toBe('ok');
    expect(cluster.endpointNote).toContain('holds no workloads');
  });
});
