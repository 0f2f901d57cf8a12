import { describe, expect, it } from 'vitest';
import { F0, F1, messagesOf, withCode } from '../testing/analyzeYaml';

function virtualService(exportTo: string, destination = '{host: web}'): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: ["shop.example.com"]
  gateways: [istio-system/public]
  exportTo: ${exportTo}
  http: [{route: [{destination: ${destination}}]}]`;
}

function destinationRule(exportTo: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: web
  exportTo: ${exportTo}
  subsets: [{name: v1, labels: {version: v1}}]`;
}

describe('SP1006 HiddenFromIngressByExportTo (V22, V47)', () => {
  it('given a VirtualService exported to "." in default (V22), when analyzed, then the ingress never sees it', () => {
    expect(messagesOf('SP1006', [...F0, F1, virtualService('["."]')])).toEqual([
      'VirtualService default/web is exported to [.] only, so the pods of Gateway istio-system/public (namespace istio-system) never see it and its routes do not apply there.',
    ]);
  });

  it('given a DestinationRule exported to "." whose subset the ingress routes to (V47), when analyzed, then the rule is reported', () => {
    const diagnostics = withCode('SP1006', [
      ...F0,
      F1,
      destinationRule('["."]'),
      virtualService('["*"]', '{host: web, subset: v1}'),
    ]);
    expect(diagnostics.map((diagnostic) => [diagnostic.resource, diagnostic.path])).toEqual([
      ['DestinationRule/default/web', ['spec', 'exportTo']],
    ]);
    expect(diagnostics[0]?.message).toBe(
      'DestinationRule default/web is exported to [.] only, but VirtualService default/web routes to its host through Gateway istio-system/public, whose pods are in namespace istio-system; so subset v1 does not exist there and those requests get 503 (no cluster).',
    );
  });

  it('given both exported to the gateway namespace, when analyzed, then nothing is reported', () => {
    expect(
      withCode('SP1006', [
        ...F0,
        F1,
        destinationRule('[".", istio-system]'),
        virtualService('[".", istio-system]', '{host: web, subset: v1}'),
      ]),
    ).toEqual([]);
  });

  it('given a Service annotated exportTo "." that an ingress route reaches, when analyzed, then the annotation is reported (the gateway has no cluster: 503 NC)', () => {
    const service = `apiVersion: v1
kind: Service
metadata:
  name: hidden
  namespace: default
  annotations: {networking.istio.io/exportTo: "."}
spec:
  selector: {app: hidden}
  ports: [{name: http, port: 80}]`;
    const diagnostics = withCode('SP1006', [
      ...F0,
      F1,
      service,
      virtualService('["*"]', '{host: hidden}'),
    ]);
    expect(diagnostics.map((diagnostic) => [diagnostic.resource, diagnostic.path])).toEqual([
      ['Service/default/hidden', ['metadata', 'annotations', 'networking.istio.io/exportTo']],
    ]);
    expect(diagnostics[0]?.message).toBe(
      'Service default/hidden is exported to [.] only, but VirtualService default/web routes to it through Gateway istio-system/public, whose pods are in namespace istio-system; the gateway has no cluster for it and those requests get 503 (no cluster).',
    );
    // Near miss: the same route bound to the mesh only (sidecars in default see the Service).
    const meshOnly = virtualService('["*"]', '{host: hidden}').replace(
      'gateways: [istio-system/public]',
      'gateways: [mesh]',
    );
    expect(withCode('SP1006', [...F0, F1, service, meshOnly])).toEqual([]);
  });

  it('given a ServiceEntry exported to "." and one also exported to istio-system, when an ingress route reaches each, then only the first is reported', () => {
    const serviceEntry = (name: string, exportTo: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: default}
spec:
  hosts: [${name}.example.com]
  exportTo: ${exportTo}
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: DNS`;
    const route = virtualService('["*"]', '{host: api.example.com}').replace(
      'http: [{route: [{destination: {host: api.example.com}}]}]',
      'http: [{match: [{uri: {prefix: /b}}], route: [{destination: {host: billing.example.com}}]}, {route: [{destination: {host: api.example.com}}]}]',
    );
    const diagnostics = withCode('SP1006', [
      ...F0,
      F1,
      serviceEntry('api', '["."]'),
      serviceEntry('billing', '[".", istio-system]'),
      route,
    ]);
    expect(diagnostics.map((diagnostic) => [diagnostic.resource, diagnostic.path])).toEqual([
      ['ServiceEntry/default/api', ['spec', 'exportTo']],
    ]);
  });
});
