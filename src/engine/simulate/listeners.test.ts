import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import type { GatewayPod } from './listeners';
import { chooseFilterChain, mergeGateways } from './listeners';

const POD: GatewayPod = {
  namespace: 'istio-system',
  labels: { istio: 'ingressgateway' },
  workloadKey: undefined,
  description: 'test pod',
};

const SERVICE = `
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]`;

function gateway(name: string, servers: string, selector = '{istio: ingressgateway}'): string {
  return `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: istio-system}\nspec:\n  selector: ${selector}\n  servers:\n${servers}`;
}

function listenersOf(...texts: string[]) {
  return mergeGateways(designOf(documents(SERVICE, ...texts)).model, POD);
}

describe('mergeGateways', () => {
  it('given two HTTP Gateways on port 80, then both servers share the listener on the translated port 8080', () => {
    const merged = listenersOf(
      gateway('a', '  - {port: {number: 80, name: http, protocol: HTTP}, hosts: [a.example.com]}'),
      gateway('b', '  - {port: {number: 80, name: http, protocol: http2}, hosts: [b.example.com]}'),
    );
    const listener = merged.listeners.get(8080);
    expect(listener?.kind).toBe('http');
    expect(listener?.servers.map((server) => server.gatewayName)).toEqual([
      'istio-system/a',
      'istio-system/b',
    ]);
  });

  it.each([
    {
      given: 'an HTTP server then a TCP server on the same port',
      first: '  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}',
      second: '  - {port: {number: 80, name: tcp, protocol: TCP}, hosts: ["*"]}',
      then: 'protocol TCP cannot share port 8080',
    },
    {
      given: 'two TCP servers on the same port',
      first: '  - {port: {number: 80, name: tcp, protocol: TCP}, hosts: ["*"]}',
      second: '  - {port: {number: 80, name: tcp2, protocol: TCP}, hosts: ["*"]}',
      then: 'protocol TCP cannot share port 8080',
    },
    {
      given: 'a TLS server then a plain HTTP server on the same port',
      first:
        '  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.example.com], tls: {mode: SIMPLE, credentialName: a}}',
      second: '  - {port: {number: 443, name: http, protocol: HTTP}, hosts: [b.example.com]}',
      then: 'a plain-text HTTP server cannot share port 8443',
    },
    {
      given: 'two TLS servers with the same host',
      first:
        '  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.example.com], tls: {mode: SIMPLE, credentialName: a}}',
      second:
        '  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.example.com], tls: {mode: SIMPLE, credentialName: b}}',
      then: 'duplicate TLS host a.example.com',
    },
  ])('given $given, then the newer server is dropped ($then)', ({ first, second, then }) => {
    const merged = listenersOf(gateway('older', first), gateway('newer', second));
    const listener = [...merged.listeners.values()][0];
    expect(listener?.servers.map((server) => server.gatewayName)).toEqual(['istio-system/older']);
    expect(listener?.dropped[0]?.ref.gatewayName).toBe('istio-system/newer');
    expect(listener?.dropped[0]?.reason).toContain(then);
  });

  it('given a server port without a Service port, then Envoy listens on the number as written', () => {
    const merged = listenersOf(
      gateway('alt', '  - {port: {number: 9000, name: http, protocol: HTTP}, hosts: ["*"]}'),
    );
    expect([...merged.listeners.keys()]).toEqual([9000]);
  });

  it('given a Gateway whose selector the pod lacks, then it adds nothing', () => {
    const merged = listenersOf(
      gateway(
        'egress',
        '  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}',
        '{istio: egressgateway}',
      ),
    );
    expect(merged.gateways).toEqual([]);
    expect(merged.listeners.size).toBe(0);
  });

  it('given a Gateway without selector, then it applies to the pod', () => {
    const merged = listenersOf(
      gateway('open', '  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}', '{}'),
    );
    expect(merged.gateways.map((entry) => entry.name)).toEqual(['open']);
  });
});

describe('chooseFilterChain', () => {
  const chains = [['*.example.com'], ['www.example.com'], ['*.www.example.com'], []];
  it.each([
    { sni: 'www.example.com', then: 1 },
    { sni: 'WWW.Example.com', then: 1 },
    { sni: 'a.www.example.com', then: 2 },
    { sni: 'shop.example.com', then: 0 },
    { sni: 'example.com', then: 3 },
    { sni: undefined, then: 3 },
  ])('given SNI $sni, then chain $then', ({ sni, then }) => {
    expect(chooseFilterChain(chains, sni)).toBe(then);
  });

  it('given no chain without names and an unknown SNI, then no chain', () => {
    expect(chooseFilterChain([['a.example.com']], 'b.example.com')).toBe(-1);
  });
});
