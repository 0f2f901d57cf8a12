import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../model';
import type { Design } from '../../model';
import { analyze } from '../analyze';

const SERVICE = (port: number): string => `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: default}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: ${port}}]`;

const DESTINATION_RULE = (subset: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: default}
spec:
  host: reviews
  subsets: [{name: ${subset}, labels: {app: reviews}}]`;

const GATEWAY = (name: string): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: default}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`;

const VIRTUAL_SERVICE = (
  name: string,
  timeout = '1s',
): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: default}
spec:
  hosts: [${name}.example.com]
  gateways: [public]
  http: [{timeout: ${timeout}, route: [{destination: {host: reviews, port: {number: 9080}, subset: v1}}]}]`;

function load(documents: readonly string[], previous?: Design): Design {
  return loadDesign([{ name: 'shop.yaml', text: documents.join('\n---\n') }], previous);
}

function ist0101(design: Design): string[] {
  return analyze(design)
    .filter((diagnostic) => diagnostic.code === 'IST0101')
    .map((diagnostic) => `${diagnostic.resource}: ${diagnostic.message}`);
}

describe('IST0101 ReferencedResourceNotFound: findings kept between versions', () => {
  const service = SERVICE(9080);
  const destinationRule = DESTINATION_RULE('v1');
  const virtualService = VIRTUAL_SERVICE('a');
  const base = [service, destinationRule, GATEWAY('public'), virtualService];

  it('given an edit of a referenced Service (its port), when analyzed again, then the unchanged VirtualService is checked again', () => {
    const first = load(base);
    expect(ist0101(first)).toEqual([]);
    const second = load([SERVICE(8080), ...base.slice(1)], first);
    expect(second.model.virtualServices[0]).toBe(first.model.virtualServices[0]);
    expect(ist0101(second)).toEqual([
      'VirtualService/default/a: Referenced host:port not found: "reviews:9080"',
    ]);
    const third = load(base, second);
    expect(ist0101(third)).toEqual([]);
  });

  it('given an edit of a referenced DestinationRule or Gateway, when analyzed again, then the unchanged VirtualService is checked again', () => {
    const first = load(base);
    expect(ist0101(first)).toEqual([]);
    const subsetGone = load([service, DESTINATION_RULE('v2'), ...base.slice(2)], first);
    expect(ist0101(subsetGone)).toEqual([
      'VirtualService/default/a: Referenced host+subset in destinationrule not found: "reviews+v1"',
    ]);
    const gatewayRenamed = load(
      [service, destinationRule, GATEWAY('other'), virtualService],
      subsetGone,
    );
    expect(ist0101(gatewayRenamed)).toEqual([
      'VirtualService/default/a: Referenced gateway not found: "public"',
    ]);
  });

  it('given an edit of another VirtualService, when analyzed again, then each VirtualService keeps its own findings', () => {
    const first = load([
      ...base,
      VIRTUAL_SERVICE('b').replace('gateways: [public]', 'gateways: [missing]'),
    ]);
    expect(ist0101(first)).toEqual([
      'VirtualService/default/b: Referenced gateway not found: "missing"',
    ]);
    const second = load(
      [...base, VIRTUAL_SERVICE('b', '2s').replace('gateways: [public]', 'gateways: [missing]')],
      first,
    );
    expect(second.model.virtualServices[0]).toBe(first.model.virtualServices[0]);
    expect(ist0101(second)).toEqual([
      'VirtualService/default/b: Referenced gateway not found: "missing"',
    ]);
    const fixed = load([...base, VIRTUAL_SERVICE('b', '2s')], second);
    expect(ist0101(fixed)).toEqual([]);
  });
});
