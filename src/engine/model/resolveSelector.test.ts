import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import {
  IMPLICIT_INGRESS_SERVICE,
  formatLabels,
  formatSelector,
  gatewayPodNamespaces,
  gatewayPods,
  gatewayServices,
  selectorMatches,
  serviceWorkloads,
  subsetWorkloads,
} from './resolveSelector';
import type { Labels } from './istio';
import type { GatewayResource, ServiceResource } from './types';

const deployment = (name: string, namespace: string, labels: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  template:\n    metadata:\n      labels: ${labels}`;
const service = (name: string, namespace: string, selector: string, type = 'ClusterIP') =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  type: ${type}\n  selector: ${selector}\n  ports: [{name: http, port: 80, targetPort: 8080}]`;
const gateway = (name: string, namespace: string, selector: string) =>
  `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  selector: ${selector}\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`;

describe('selectorMatches', () => {
  it.each<{ selector: Labels | undefined; labels: Labels; matches: boolean }>([
    { selector: { app: 'web' }, labels: { app: 'web', version: 'v1' }, matches: true },
    {
      selector: { app: 'web', version: 'v2' },
      labels: { app: 'web', version: 'v1' },
      matches: false,
    },
    { selector: { app: 'web' }, labels: {}, matches: false },
    { selector: {}, labels: { app: 'web' }, matches: true },
    { selector: undefined, labels: {}, matches: true },
    { selector: { toString: 'x' }, labels: {}, matches: false },
  ])('given $selector and $labels, then $matches', ({ selector, labels, matches }) => {
    expect(selectorMatches(selector, labels)).toBe(matches);
  });
});

describe('Service and subset workloads', () => {
  const { model } = designOf(
    documents(
      deployment('web-v1', 'default', '{app: web, version: v1}'),
      deployment('web-v2', 'default', '{app: web, version: v2}'),
      deployment('web-other-ns', 'shop', '{app: web, version: v1}'),
      deployment('api', 'default', '{app: api}'),
      service('web', 'default', '{app: web}'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec: {ports: [{port: 80}]}',
    ),
  );
  const web = model.services[0] as ServiceResource;

  it('given a Service, then it selects same-namespace workloads with all its labels', () => {
    expect(serviceWorkloads(model, web).map((workload) => workload.name)).toEqual([
      'web-v1',
      'web-v2',
    ]);
  });

  it('given a Service without a selector, then it selects nothing', () => {
    expect(serviceWorkloads(model, model.services[1] as ServiceResource)).toEqual([]);
  });

  it.each<{ subset: Labels; names: string[] }>([
    { subset: { version: 'v1' }, names: ['web-v1'] },
    { subset: { version: 'v3' }, names: [] },
    { subset: {}, names: ['web-v1', 'web-v2'] },
  ])('given subset labels $subset, then the subset workloads are $names', ({ subset, names }) => {
    expect(subsetWorkloads(model, web, subset).map((workload) => workload.name)).toEqual(names);
  });
});

describe('gateway pods and services', () => {
  it('given ingress workloads in the design, then the Gateway applies to them in any namespace', () => {
    const { model } = designOf(
      documents(
        deployment(
          'ingress',
          'istio-ingress',
          '{istio: ingressgateway, app: istio-ingressgateway}',
        ),
        gateway('public', 'default', '{istio: ingressgateway}'),
        service('ingress', 'istio-ingress', '{istio: ingressgateway}', 'LoadBalancer'),
      ),
    );
    const gatewayResource = model.gateways[0] as GatewayResource;
    expect(gatewayPods(model, gatewayResource).map((pod) => pod.workload?.name)).toEqual([
      'ingress',
    ]);
    expect(gatewayPodNamespaces(model, gatewayResource)).toEqual(['istio-ingress']);
    expect(gatewayServices(model, gatewayResource).map((entry) => entry.service.key)).toEqual([
      'Service/istio-ingress/ingress',
    ]);
  });

  it('given only a LoadBalancer Service, then its selector implies the gateway pod', () => {
    const { model } = designOf(
      documents(
        service('istio-ingressgateway', 'istio-system', '{istio: ingressgateway}', 'LoadBalancer'),
        service('web', 'default', '{app: web}'),
        gateway('public', 'istio-system', '{istio: ingressgateway}'),
      ),
    );
    const gatewayResource = model.gateways[0] as GatewayResource;
    expect(gatewayPods(model, gatewayResource)).toMatchObject([
      { namespace: 'istio-system', source: 'service', labels: { istio: 'ingressgateway' } },
    ]);
    expect(gatewayServices(model, gatewayResource)).toEqual([
      { service: model.services[0], implicit: false },
    ]);
  });

  it('given no Service in front of an istio: ingressgateway Gateway, then the default one is implicit', () => {
    const { model } = designOf(gateway('public', 'default', '{istio: ingressgateway}'));
    const gatewayResource = model.gateways[0] as GatewayResource;
    expect(gatewayPodNamespaces(model, gatewayResource)).toEqual(['istio-system']);
    expect(gatewayServices(model, gatewayResource)).toEqual([
      { service: IMPLICIT_INGRESS_SERVICE, implicit: true },
    ]);
  });

  it('given a Gateway for another gateway, then nothing is assumed', () => {
    const { model } = designOf(gateway('egress', 'istio-system', '{istio: egressgateway}'));
    const gatewayResource = model.gateways[0] as GatewayResource;
    expect(gatewayPods(model, gatewayResource)).toEqual([]);
    expect(gatewayServices(model, gatewayResource)).toEqual([]);
  });
});

describe('formatLabels and formatSelector', () => {
  it.each<{ labels: Labels | undefined; text: string; selector: string }>([
    { labels: undefined, text: '{}', selector: '' },
    { labels: {}, text: '{}', selector: '' },
    {
      labels: { version: 'v1', app: 'web' },
      text: 'version=v1, app=web',
      selector: 'app=web,version=v1',
    },
  ])(
    'given $labels, then "$text" for messages and "$selector" as istioctl prints it',
    ({ labels, text, selector }) => {
      expect(formatLabels(labels)).toBe(text);
      expect(formatSelector(labels)).toBe(selector);
    },
  );
});
