import { describe, expect, it } from 'vitest';
import { F0, withCode } from '../testing/analyzeYaml';

function gateway(name: string, selector: string, protocol: string, host = '"*"'): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: istio-system}
spec:
  selector: ${selector}
  servers: [{port: {number: 80, name: ${protocol.toLowerCase()}, protocol: ${protocol}}, hosts: [${host}]}]`;
}

describe('IST0145 ConflictingGateways (V12)', () => {
  it('given two Gateways with equal selectors on one port and host, when analyzed, then both conflict', () => {
    const diagnostics = withCode('IST0145', [
      ...F0,
      gateway('gw-http', '{istio: ingressgateway}', 'HTTP'),
      gateway('gw-tcp', '{istio: ingressgateway}', 'TCP'),
    ]);
    expect(diagnostics.map((diagnostic) => [diagnostic.resource, diagnostic.level])).toEqual([
      ['Gateway/istio-system/gw-http', 'error'],
      ['Gateway/istio-system/gw-tcp', 'error'],
    ]);
    expect(diagnostics[0]?.message).toBe(
      'Conflict with gateways istio-system/gw-tcp (workload selector istio=ingressgateway, port 80, hosts *).',
    );
  });

  it('given nested selectors that share a workload of the design, when analyzed, then it is an error', () => {
    const diagnostics = withCode('IST0145', [
      ...F0,
      gateway('wide', '{istio: ingressgateway}', 'HTTP'),
      gateway('narrow', '{istio: ingressgateway, app: istio-ingressgateway}', 'HTTP'),
    ]);
    expect(diagnostics.map((diagnostic) => diagnostic.level)).toEqual(['error', 'error']);
  });

  it('given nested selectors and no gateway workload in the design, when analyzed, then it is a warning that says why', () => {
    const diagnostics = withCode('IST0145', [
      gateway('wide', '{istio: egressgateway}', 'HTTP'),
      gateway('narrow', '{istio: egressgateway, app: egress}', 'HTTP'),
    ]);
    expect(diagnostics.map((diagnostic) => diagnostic.level)).toEqual(['warning', 'warning']);
    expect(diagnostics[0]?.message).toMatch(/a pod both select may exist in the cluster\)$/);
  });

  it('given different hosts or selectors that share no pod, when analyzed, then nothing is reported', () => {
    expect(
      withCode('IST0145', [
        ...F0,
        gateway('a', '{istio: ingressgateway}', 'HTTP', 'a.example.com'),
        gateway('b', '{istio: ingressgateway}', 'HTTP', 'b.example.com'),
      ]),
    ).toEqual([]);
    expect(
      withCode('IST0145', [
        ...F0,
        gateway('a', '{istio: ingressgateway}', 'HTTP'),
        gateway('b', '{app: web}', 'HTTP'),
      ]),
    ).toEqual([]);
  });
});
