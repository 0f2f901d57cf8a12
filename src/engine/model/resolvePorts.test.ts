import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import {
  isHttpProtocol,
  isTcpProtocol,
  isTlsProtocol,
  loadBalancerMappings,
  parseProtocol,
  serverRouteSection,
  servicePortProtocol,
  translateServerPort,
} from './resolvePorts';
import { IMPLICIT_INGRESS_SERVICE } from './resolveSelector';
import type { Server, ServicePort } from './istio';
import type { GatewayResource } from './types';

describe('servicePortProtocol (routing-semantics §5)', () => {
  it.each<{ port: ServicePort; protocol: string }>([
    { port: { name: 'http', port: 80 }, protocol: 'HTTP' },
    { port: { name: 'http-web', port: 80 }, protocol: 'HTTP' },
    { port: { name: 'HTTP2-x', port: 80 }, protocol: 'HTTP2' },
    { port: { name: 'grpc-web-x', port: 80 }, protocol: 'GRPC-WEB' },
    { port: { name: 'grpc', port: 80 }, protocol: 'GRPC' },
    { port: { name: 'https', port: 443 }, protocol: 'HTTPS' },
    { port: { name: 'tcp-db', port: 5432 }, protocol: 'TCP' },
    { port: { name: 'web', port: 8080 }, protocol: 'UNSUPPORTED' },
    { port: { name: 'web', port: 3306 }, protocol: 'TCP' },
    { port: { name: 'http', port: 80, appProtocol: 'grpc' }, protocol: 'GRPC' },
    { port: { name: 'tcp', port: 80, appProtocol: 'kubernetes.io/h2c' }, protocol: 'HTTP2' },
    { port: { name: 'tcp', port: 80, appProtocol: 'kubernetes.io/ws' }, protocol: 'HTTP' },
    { port: { name: 'http', port: 53, protocol: 'UDP' }, protocol: 'UDP' },
    { port: { port: 80 }, protocol: 'UNSUPPORTED' },
  ])('given $port, then $protocol', ({ port, protocol }) => {
    expect(servicePortProtocol(port)).toBe(protocol);
  });

  it('given any case, then parseProtocol normalises it', () => {
    expect(parseProtocol('grpc-web')).toBe('GRPC-WEB');
    expect(parseProtocol('Https')).toBe('HTTPS');
    expect(parseProtocol('quic')).toBe('UNSUPPORTED');
    expect(parseProtocol(undefined)).toBe('UNSUPPORTED');
    expect(parseProtocol('http_proxy')).toBe('HTTP_PROXY');
    expect(parseProtocol('unsupported')).toBe('UNSUPPORTED');
  });

  // pkg/config/protocol/instance.go: IsHTTP, IsTLS and IsTCP.
  it.each([
    { protocol: 'HTTP', http: true, tls: false, tcp: false },
    { protocol: 'HTTP2', http: true, tls: false, tcp: false },
    { protocol: 'HTTP_PROXY', http: true, tls: false, tcp: false },
    { protocol: 'GRPC', http: true, tls: false, tcp: false },
    { protocol: 'GRPC-WEB', http: true, tls: false, tcp: false },
    { protocol: 'HTTPS', http: false, tls: true, tcp: true },
    { protocol: 'TLS', http: false, tls: true, tcp: true },
    { protocol: 'TCP', http: false, tls: false, tcp: true },
    { protocol: 'MONGO', http: false, tls: false, tcp: true },
    { protocol: 'REDIS', http: false, tls: false, tcp: true },
    { protocol: 'MYSQL', http: false, tls: false, tcp: true },
    { protocol: 'UDP', http: false, tls: false, tcp: false },
    { protocol: 'UNSUPPORTED', http: false, tls: false, tcp: false },
  ])('given $protocol, then http $http, tls $tls, tcp $tcp', ({ protocol, http, tls, tcp }) => {
    const parsed = parseProtocol(protocol);
    expect([isHttpProtocol(parsed), isTlsProtocol(parsed), isTcpProtocol(parsed)]).toEqual([
      http,
      tls,
      tcp,
    ]);
  });
});

describe('serverRouteSection (routing-semantics §1.2)', () => {
  it.each<{ server: Server; section: string }>([
    { server: { port: { protocol: 'HTTP' } }, section: 'http' },
    { server: { port: { protocol: 'http2' }, tls: { httpsRedirect: true } }, section: 'http' },
    { server: { port: { protocol: 'GRPC' } }, section: 'http' },
    { server: { port: { protocol: 'HTTP_PROXY' } }, section: 'http' },
    { server: { port: { protocol: 'HTTPS' }, tls: { mode: 'SIMPLE' } }, section: 'http' },
    { server: { port: { protocol: 'HTTPS' }, tls: { mode: 'MUTUAL' } }, section: 'http' },
    { server: { port: { protocol: 'HTTPS' }, tls: { credentialName: 'cert' } }, section: 'tls' },
    { server: { port: { protocol: 'HTTPS' }, tls: { mode: 'PASSTHROUGH' } }, section: 'tls' },
    { server: { port: { protocol: 'TLS' }, tls: { mode: 'PASSTHROUGH' } }, section: 'tls' },
    { server: { port: { protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' } }, section: 'none' },
    { server: { port: { protocol: 'TLS' }, tls: { mode: 'SIMPLE' } }, section: 'tcp' },
    { server: { port: { protocol: 'TCP' } }, section: 'tcp' },
    { server: { port: { protocol: 'MONGO' } }, section: 'tcp' },
    { server: { port: { protocol: 'SMTP' } }, section: 'none' },
  ])('given $server, then $section', ({ server, section }) => {
    expect(serverRouteSection(server)).toBe(section);
  });
});

const gatewayText = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
  - port: {number: 8080, name: http-alt, protocol: HTTP}
    hosts: ["alt.example.com"]
  - port: {number: 9000, name: http-9000, protocol: HTTP}
    hosts: ["*"]
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*"]
    tls: {mode: SIMPLE, credentialName: cert}`;
const loadBalancerText = `apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports:
  - {name: status-port, port: 15021, targetPort: 15021}
  - {name: http2, port: 80, targetPort: 8080}
  - {name: https, port: 443, targetPort: https-pod}`;
const ingressDeployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  template:
    metadata:
      labels: {istio: ingressgateway}
    spec:
      containers:
      - name: istio-proxy
        ports: [{name: https-pod, containerPort: 8443}]`;

describe('translateServerPort and loadBalancerMappings (routing-semantics §1.3, §5)', () => {
  const { model } = designOf(documents(loadBalancerText, gatewayText, ingressDeployment));
  const gateway = model.gateways[0] as GatewayResource;

  it.each([
    { number: 80, listenerPort: 8080, through: 'Service/istio-system/istio-ingressgateway' },
    { number: 8080, listenerPort: 8080, through: undefined },
    { number: 9000, listenerPort: 9000, through: undefined },
    { number: 443, listenerPort: 8443, through: 'Service/istio-system/istio-ingressgateway' },
  ])(
    'given server port $number, then Envoy listens on $listenerPort',
    ({ number, listenerPort, through }) => {
      const translation = translateServerPort(model, gateway, number);
      expect(translation.listenerPort).toBe(listenerPort);
      expect(translation.service?.key).toBe(through);
    },
  );

  it('given the LoadBalancer, then port 80 reaches servers 0 and 1 and 443 reaches server 3', () => {
    const service = model.services[0];
    expect(service && loadBalancerMappings(model, service, gateway)).toEqual([
      { servicePort: 80, targetPort: 8080, serverIndex: 0, serverPort: 80 },
      { servicePort: 80, targetPort: 8080, serverIndex: 1, serverPort: 8080 },
      { servicePort: 443, targetPort: 8443, serverIndex: 3, serverPort: 443 },
    ]);
  });

  it('given no Service in the design, then the implicit default Service translates 80 and 443', () => {
    const alone = designOf(gatewayText).model;
    const onlyGateway = alone.gateways[0] as GatewayResource;
    expect(translateServerPort(alone, onlyGateway, 80)).toMatchObject({
      listenerPort: 8080,
      implicit: true,
    });
    expect(loadBalancerMappings(alone, IMPLICIT_INGRESS_SERVICE, onlyGateway)).toEqual([
      { servicePort: 80, targetPort: 8080, serverIndex: 0, serverPort: 80 },
      { servicePort: 80, targetPort: 8080, serverIndex: 1, serverPort: 8080 },
      { servicePort: 443, targetPort: 8443, serverIndex: 3, serverPort: 443 },
    ]);
  });

  it('given the opt-out label, then the server port is not translated', () => {
    const optedOut = designOf(
      documents(
        loadBalancerText.replace(
          'namespace: istio-system}',
          'namespace: istio-system, labels: {experimental.istio.io/disable-gateway-port-translation: "true"}}',
        ),
        gatewayText,
      ),
    ).model;
    expect(translateServerPort(optedOut, optedOut.gateways[0] as GatewayResource, 80)).toEqual({
      listenerPort: 80,
    });
  });
});
