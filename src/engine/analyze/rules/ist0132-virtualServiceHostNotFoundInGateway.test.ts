import { describe, expect, it } from 'vitest';
import { F0, istioOperator, withCode } from '../testing/analyzeYaml';

function gateway(hosts: string, namespace = 'istio-system'): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: testing-gateway, namespace: ${namespace}}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ${hosts}}]`;
}

function virtualService(hosts: string, gatewayReference: string, namespace = 'default'): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: testing-service, namespace: ${namespace}}
spec:
  gateways: [${gatewayReference}]
  hosts: ${hosts}
  http: [{route: [{destination: {host: web.default.svc.cluster.local}}]}]`;
}

describe('IST0132 VirtualServiceHostNotFoundInGateway', () => {
  it('given a VirtualService host the Gateway does not serve, when analyzed, then it is a warning on the gateway reference', () => {
    const [diagnostic] = withCode('IST0132', [
      ...F0,
      gateway('[testing.com]'),
      virtualService('[wrong.com]', 'istio-system/testing-gateway'),
    ]);
    expect(diagnostic?.message).toBe(
      'one or more host [wrong.com] defined in VirtualService default/testing-service not found in Gateway istio-system/testing-gateway.',
    );
    expect(diagnostic?.path).toEqual(['spec', 'gateways', 0]);
  });

  it('given a gateway reference that names no Gateway, when analyzed, then it is reported here too, beside IST0101, as istioctl does', () => {
    const yaml = [...F0, virtualService('[shop.example.com]', 'istio-system/missing-gateway')];
    const [diagnostic] = withCode('IST0132', yaml);
    expect(diagnostic?.message).toBe(
      'one or more host [shop.example.com] defined in VirtualService default/testing-service not found in Gateway istio-system/missing-gateway.',
    );
    expect(diagnostic?.path).toEqual(['spec', 'gateways', 0]);
    expect(withCode('IST0101', yaml).map((finding) => finding.path)).toEqual([
      ['spec', 'gateways', 0],
    ]);
  });

  it('given a "./host" server host in the VirtualService namespace (istio/istio#34653), when analyzed, then the host is found', () => {
    const yaml = [
      ...F0,
      gateway('["./my-service.example.com"]', 'shop'),
      virtualService('[my-service.example.com]', 'testing-gateway', 'shop'),
    ];
    expect(withCode('IST0132', yaml)).toEqual([]);
  });

  it('given "ns/host" for another namespace, when analyzed, then the host is not found', () => {
    const yaml = [
      ...F0,
      gateway('["other/my-service.example.com"]'),
      virtualService('[my-service.example.com]', 'istio-system/testing-gateway'),
    ];
    expect(withCode('IST0132', yaml)).toHaveLength(1);
  });

  it('given "ns/host" naming the VirtualService namespace on a Gateway in istio-system, when analyzed, then the host is found', () => {
    const yaml = [
      ...F0,
      gateway('["default/my-service.example.com"]'),
      virtualService('[my-service.example.com]', 'istio-system/testing-gateway'),
    ];
    expect(withCode('IST0132', yaml)).toEqual([]);
  });

  it('given a short host and a Gateway serving *.default.svc.corp.example, when analyzed, then it is found only with that cluster domain', () => {
    const yaml = [
      ...F0,
      gateway('["*.default.svc.corp.example"]'),
      virtualService('[web]', 'istio-system/testing-gateway'),
    ];
    expect(withCode('IST0132', [istioOperator('corp.example'), ...yaml])).toEqual([]);
    expect(withCode('IST0132', yaml)).toHaveLength(1);
  });

  it('given a short VirtualService host and a Gateway serving its FQDN wildcard, when analyzed, then the short name is resolved first', () => {
    const yaml = [
      ...F0,
      gateway('["*.default.svc.cluster.local"]'),
      virtualService('[web]', 'istio-system/testing-gateway'),
    ];
    expect(withCode('IST0132', yaml)).toEqual([]);
  });
});
