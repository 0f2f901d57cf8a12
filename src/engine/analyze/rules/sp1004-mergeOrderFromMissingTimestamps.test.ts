import { describe, expect, it } from 'vitest';
import { F0, F1, withCode } from '../testing/analyzeYaml';

function virtualService(name: string, path: string, timestamp = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: default${timestamp === '' ? '' : `, creationTimestamp: "${timestamp}"`}}
spec:
  hosts: ["shop.example.com"]
  gateways: [istio-system/public]
  http: [{match: [{uri: {prefix: ${path}}}], route: [{destination: {host: web}}]}]`;
}

describe('SP1004 MergeOrderFromMissingTimestamps (V63, V65)', () => {
  it('given two VirtualServices merged on one gateway host, one without a timestamp, when analyzed, then that one gets the note', () => {
    const diagnostics = withCode('SP1004', [
      ...F0,
      F1,
      virtualService('site', '/', '2026-01-01T00:00:00Z'),
      virtualService('cart', '/cart'),
    ]);
    expect(diagnostics.map((diagnostic) => [diagnostic.resource, diagnostic.level])).toEqual([
      ['VirtualService/default/cart', 'info'],
    ]);
    expect(diagnostics[0]?.message).toBe(
      'VirtualService default/site, VirtualService default/cart are merged for host shop.example.com on Gateway istio-system/public; their rules are ordered by creation time, and VirtualService default/cart has no creationTimestamp, so Sailplan assumes document order.',
    );
  });

  it('given timestamps on both, or a single VirtualService, when analyzed, then nothing is reported', () => {
    expect(
      withCode('SP1004', [
        ...F0,
        F1,
        virtualService('a', '/a', '2026-01-01T00:00:00Z'),
        virtualService('b', '/b', '2026-01-02T00:00:00Z'),
      ]),
    ).toEqual([]);
    expect(withCode('SP1004', [...F0, F1, virtualService('a', '/a')])).toEqual([]);
  });

  it('given an HTTP and a TCP server of two Gateways on one port (V12), when analyzed, then the surviving server rests on document order', () => {
    const gateway = (name: string, protocol: string): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: p, protocol: ${protocol}}, hosts: ["*"]}]`;
    expect(
      withCode('SP1004', [...F0, gateway('gw-http', 'HTTP'), gateway('gw-tcp', 'TCP')]).map(
        (diagnostic) => diagnostic.resource,
      ),
    ).toEqual(['Gateway/istio-system/gw-http', 'Gateway/istio-system/gw-tcp']);
  });
});
