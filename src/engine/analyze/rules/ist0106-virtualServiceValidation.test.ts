import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

const error = (message: string): string => `Schema validation error: ${message}`;

function virtualService(name: string, spec: string, namespace = 'default'): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}`;
}

describe('IST0106/IST0133 VirtualService validation (routing-vectors V74, V77)', () => {
  it('given V74 (a): a mesh VirtualService with host "*", when analyzed, then the wildcard is refused', () => {
    const yaml = virtualService(
      'v-a',
      `  hosts: ["*"]\n  http: [{route: [{destination: {host: web}}]}]`,
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error('wildcard host * is not allowed for virtual services bound to the mesh gateway'),
    ]);
  });

  it('given V74 (b): overlapping hosts, when analyzed, then they are duplicates', () => {
    const yaml = virtualService(
      'v-b',
      `  hosts: ["*.example.com", "a.example.com"]\n  gateways: [istio-system/public]\n  http: [{route: [{destination: {host: web}}]}]`,
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error('duplicate hosts in virtual service: *.example.com & a.example.com'),
    ]);
  });

  it('given V74 (c): a bad gateway namespace and exportTo "~", when analyzed, then both are refused', () => {
    const yaml = virtualService(
      'v-c',
      `  hosts: ["shop.example.com"]\n  gateways: [istio_system/public]\n  exportTo: ["~"]\n  http: [{route: [{destination: {host: web}}]}]`,
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error('invalid value for namespace: "istio_system"'),
      error('exportTo ~ (none) is not allowed for Istio configuration objects'),
    ]);
  });

  it('given V74 (d): JWT claim routing on a mesh VirtualService, when analyzed, then it is refused', () => {
    const yaml = virtualService(
      'v-d',
      `  hosts: ["web"]\n  http:\n  - match: [{headers: {"@request.auth.claims.group": {exact: admin}}}]\n    route: [{destination: {host: web}}]`,
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error(
        'JWT claim based routing (key: @request.auth.claims.group) is only supported for gateway, found no gateways: []',
      ),
    ]);
  });

  it('given V74 (e): no route list, when analyzed, then one is required', () => {
    expect(messagesOf('IST0106', [virtualService('v-e', `  hosts: ["shop.example.com"]`)])).toEqual(
      [error('http, tcp or tls must be provided in virtual service')],
    );
  });

  it('given V77 (a): a delegate with gateways and tcp, when analyzed, then both are refused', () => {
    const yaml = virtualService(
      'dlg-a',
      `  gateways: [istio-system/public]\n  http: [{route: [{destination: {host: cart}}]}]\n  tcp: [{route: [{destination: {host: cart}}]}]`,
      'shop',
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error('delegate virtual service must have no gateways specified'),
      error('delegate virtual service must have no tcp route specified'),
    ]);
  });

  it('given the legacy gateway form, when analyzed, then it is a warning with the recommended form', () => {
    const yaml = virtualService(
      'legacy',
      `  hosts: ["shop.example.com"]\n  gateways: [public.istio-system.svc.cluster.local]\n  http: [{route: [{destination: {host: web}}]}]`,
    );
    expect(messagesOf('IST0133', [yaml])).toEqual([
      'Schema validation warning: using legacy gatewayName format "public.istio-system.svc.cluster.local"; prefer the <namespace>/<name> format: "istio-system/public"',
    ]);
    expect(withCode('IST0106', [yaml])).toEqual([]);
  });

  it('given tls routes, when an SNI host is outside the hosts or an IP, then it is an error or a warning', () => {
    const yaml = virtualService(
      'sni',
      `  hosts: ["*.example.com"]
  gateways: [istio-system/public]
  tls:
  - match: [{sniHosts: [a.example.com, other.org, 10.0.0.1]}]
    route: [{destination: {host: web}}]`,
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error(
        'SNI host "other.org" is not a compatible subset of any of the virtual service hosts: [*.example.com]',
      ),
    ]);
    expect(messagesOf('IST0133', [yaml])).toEqual([
      'Schema validation warning: using an IP address ("10.0.0.1") goes against SNI spec and most clients do not support this',
    ]);
  });

  it('given a valid gateway VirtualService with tcp, tls and an IP host, when analyzed, then nothing is reported', () => {
    const yaml = virtualService(
      'fine',
      `  hosts: ["shop.example.com", "10.1.2.3"]
  gateways: [istio-system/public, mesh]
  exportTo: ["*"]
  tcp: [{match: [{port: 5432, destinationSubnets: [10.0.0.0/8]}], route: [{destination: {host: db, port: {number: 5432}}}]}]
  tls: [{match: [{sniHosts: [shop.example.com]}], route: [{destination: {host: web}}]}]`,
    );
    expect(withCode('IST0106', [yaml])).toEqual([]);
    expect(withCode('IST0133', [yaml])).toEqual([]);
  });
});
