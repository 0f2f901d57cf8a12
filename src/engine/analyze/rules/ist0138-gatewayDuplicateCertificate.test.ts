import { describe, expect, it } from 'vitest';
import { F0, messagesOf, withCode } from '../testing/analyzeYaml';

function gateway(name: string, selector: string, host: string, credential: string): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: istio-system}
spec:
  selector: ${selector}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [${host}]
    tls: {mode: SIMPLE, credentialName: ${credential}}`;
}

describe('IST0138 GatewayDuplicateCertificate (V15)', () => {
  it('given two Gateways on the same pods with one credential, when analyzed, then both get the warning', () => {
    const yaml = [
      ...F0,
      gateway('gateway-a', '{istio: ingressgateway}', 'a.example.com', 'wildcard-cert'),
      gateway(
        'gateway-b',
        '{istio: ingressgateway, app: istio-ingressgateway}',
        'b.example.com',
        'wildcard-cert',
      ),
    ];
    const diagnostics = withCode('IST0138', yaml);
    expect(diagnostics.map((diagnostic) => diagnostic.resource)).toEqual([
      'Gateway/istio-system/gateway-a',
      'Gateway/istio-system/gateway-b',
    ]);
    expect(diagnostics[0]?.message).toBe(
      'Duplicate certificate in multiple gateways [istio-system/gateway-a istio-system/gateway-b] may cause 404s if clients re-use HTTP2 connections.',
    );
    expect(diagnostics[0]?.path).toEqual(['spec', 'servers', 0, 'tls', 'credentialName']);
  });

  it('given different credentials, or selectors that cannot share pods, when analyzed, then nothing is reported', () => {
    expect(
      messagesOf('IST0138', [
        ...F0,
        gateway('gateway-a', '{istio: ingressgateway}', 'a.example.com', 'a-cert'),
        gateway('gateway-b', '{istio: ingressgateway}', 'b.example.com', 'b-cert'),
      ]),
    ).toEqual([]);
    expect(
      messagesOf('IST0138', [
        ...F0,
        gateway('gateway-a', '{istio: ingressgateway}', 'a.example.com', 'shared'),
        gateway('gateway-b', '{istio: internalgateway}', 'b.example.com', 'shared'),
      ]),
    ).toEqual([]);
  });
});
