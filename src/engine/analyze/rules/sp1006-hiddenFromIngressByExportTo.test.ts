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
});
