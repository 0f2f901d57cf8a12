import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { bindVirtualService, virtualServicesForServer } from './resolveBinding';
import type { GatewayResource, VirtualServiceResource } from './types';

const ingressService = `apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]`;

const gateway = (hosts: string, servers = '') => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ${hosts}${servers}`;

const virtualService = (fields: string, namespace = 'default', name = 'web') =>
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${fields}
  http: [{route: [{destination: {host: web}}]}]`;

const bind = (gatewayText: string, virtualServiceText: string, serverIndex = 0) => {
  const { model } = designOf(documents(ingressService, gatewayText, virtualServiceText));
  return bindVirtualService(
    model,
    model.gateways[0] as GatewayResource,
    serverIndex,
    model.virtualServices[0] as VirtualServiceResource,
  );
};

describe('bindVirtualService', () => {
  it.each([
    {
      name: 'namespaced reference, wildcard server (V01)',
      gateway: gateway('["*"]'),
      virtualService: virtualService('  hosts: ["*"]\n  gateways: [istio-system/public]'),
      hosts: ['*'],
    },
    {
      name: 'legacy FQDN reference (V04)',
      gateway: gateway('["*"]'),
      virtualService: virtualService(
        '  hosts: [shop.example.com]\n  gateways: [public.istio-system.svc.cluster.local]',
      ),
      hosts: ['shop.example.com'],
    },
    {
      name: 'bare reference in the Gateway namespace',
      gateway: gateway('["*"]'),
      virtualService: virtualService('  hosts: [a.com]\n  gateways: [public]', 'istio-system'),
      hosts: ['a.com'],
    },
    {
      name: 'VirtualService * narrowed to the server wildcard (V10)',
      gateway: gateway('["*.example.com"]'),
      virtualService: virtualService('  hosts: ["*"]\n  gateways: [istio-system/public]'),
      hosts: ['*.example.com'],
    },
    {
      name: 'server host scoped to the VirtualService namespace (V08)',
      gateway: gateway('["shop/*"]'),
      virtualService: virtualService(
        '  hosts: [shop.example.com]\n  gateways: [istio-system/public]',
        'shop',
      ),
      hosts: ['shop.example.com'],
    },
    {
      name: 'short VirtualService host becomes the FQDN (V23)',
      gateway: gateway('["*"]'),
      virtualService: virtualService('  hosts: [web]\n  gateways: [istio-system/public]'),
      hosts: ['web.default.svc.cluster.local'],
    },
    {
      name: 'exportTo naming the gateway pod namespace',
      gateway: gateway('["*"]'),
      virtualService: virtualService(
        '  hosts: [a.com]\n  gateways: [istio-system/public]\n  exportTo: [istio-system]',
      ),
      hosts: ['a.com'],
    },
  ])(
    'given $name, then it binds with the common hosts',
    ({ gateway: gatewayText, virtualService: text, hosts }) => {
      expect(bind(gatewayText, text)).toMatchObject({ bound: true, hosts, section: 'http' });
    },
  );

  it.each([
    {
      name: 'bare reference resolving to the VirtualService namespace (V03)',
      virtualService: virtualService('  hosts: [shop.example.com]\n  gateways: [public]'),
      server: '["*"]',
      cause: 'notReferenced',
      reason:
        'gateway reference public (= default/public) resolves elsewhere, not to istio-system/public',
    },
    {
      name: 'no gateways (V19)',
      virtualService: virtualService('  hosts: ["*"]'),
      server: '["*"]',
      cause: 'meshOnly',
      reason: 'no gateways: the VirtualService applies to the mesh (sidecars) only',
    },
    {
      name: 'exportTo "." hides it from istio-system (V22)',
      virtualService: virtualService(
        '  hosts: ["*"]\n  gateways: [istio-system/public]\n  exportTo: ["."]',
      ),
      server: '["*"]',
      cause: 'notExported',
      reason: 'not exported to istio-system (exportTo: [.])',
    },
    {
      name: 'server host scoped to another namespace (V08)',
      virtualService: virtualService(
        '  hosts: [shop.example.com]\n  gateways: [istio-system/public]',
      ),
      server: '["ns1/*"]',
      cause: 'namespaceNotAdmitted',
      reason: 'namespace default not admitted by server host ns1/*',
    },
    {
      name: 'server host ./ scoped to the Gateway namespace',
      virtualService: virtualService('  hosts: [a.com]\n  gateways: [istio-system/public]'),
      server: '["./a.com"]',
      cause: 'namespaceNotAdmitted',
      reason: 'namespace default not admitted by server host ./a.com',
    },
    {
      name: 'apex host under a wildcard server (V09)',
      virtualService: virtualService('  hosts: [example.com]\n  gateways: [istio-system/public]'),
      server: '["*.example.com"]',
      cause: 'hostsDisjoint',
      reason: 'hosts do not intersect: server *.example.com, VirtualService example.com',
    },
    {
      name: 'short host that never matches a public name',
      virtualService: virtualService('  hosts: [web]\n  gateways: [istio-system/public]'),
      server: '["shop.example.com"]',
      cause: 'hostsDisjoint',
      reason:
        'hosts do not intersect: server shop.example.com, VirtualService web (= web.default.svc.cluster.local)',
    },
    {
      name: 'a delegate without hosts',
      virtualService: virtualService('  gateways: [istio-system/public]'),
      server: '["*"]',
      cause: 'noHosts',
      reason:
        'the VirtualService has no hosts: it is a delegate, reached only through a root VirtualService',
    },
  ])(
    'given $name, then it does not bind: $reason',
    ({ virtualService: text, server, cause, reason }) => {
      expect(bind(gateway(server), text)).toEqual({ bound: false, cause, reason });
    },
  );

  it('given a server index the Gateway does not have, then the reason says so', () => {
    const text = virtualService('  hosts: ["*"]\n  gateways: [istio-system/public]');
    expect(bind(gateway('["*"]'), text, 3)).toEqual({
      bound: false,
      cause: 'noServer',
      reason: 'istio-system/public has no server 3',
    });
  });

  it.each([
    {
      name: 'a passthrough server binds with the symmetric match (V17)',
      server:
        '\n  - port: {number: 443, name: tls, protocol: TLS}\n    hosts: ["*.example.com"]\n    tls: {mode: PASSTHROUGH}',
      hosts: '["*"]',
      rules: 'tls',
      expected: { bound: true, hosts: ['*'], section: 'tls' },
    },
    {
      name: 'a passthrough server and a VirtualService with http rules only',
      server:
        '\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: ["*"]\n    tls: {credentialName: cert}',
      hosts: '["*"]',
      expected: {
        bound: false,
        cause: 'noRulesForSection',
        reason:
          'the VirtualService has no tls rules, and server 1 (HTTPS PASSTHROUGH) routes by tls rules',
      },
    },
    {
      name: 'a TCP server',
      server: '\n  - port: {number: 31400, name: tcp, protocol: TCP}\n    hosts: ["*"]',
      hosts: '[db.example.com]',
      rules: 'tcp',
      expected: { bound: true, hosts: ['db.example.com'], section: 'tcp' },
    },
    {
      name: 'an AUTO_PASSTHROUGH server',
      server:
        '\n  - port: {number: 15443, name: tls, protocol: TLS}\n    hosts: ["*"]\n    tls: {mode: AUTO_PASSTHROUGH}',
      hosts: '["*"]',
      expected: {
        bound: false,
        cause: 'noRoutes',
        reason: 'server 1 is AUTO_PASSTHROUGH: it routes by SNI without VirtualServices',
      },
    },
  ])('given $name, then $expected', ({ server, hosts, rules, expected }) => {
    const l4 =
      rules === undefined ? '' : `\n  ${rules}: [{route: [{destination: {host: db.example.com}}]}]`;
    const text = virtualService(`  hosts: ${hosts}\n  gateways: [istio-system/public]${l4}`);
    expect(bind(gateway('["*"]', server), text, 1)).toMatchObject(expected);
  });
});

describe('virtualServicesForServer (routing-semantics §2.3 order)', () => {
  it('given private, exported and public VirtualServices, then they come in that order, oldest first', () => {
    const { model } = designOf(
      documents(
        ingressService,
        gateway('["*"]'),
        virtualService(
          '  hosts: [a.com]\n  gateways: [istio-system/public]',
          'default',
          'public-old',
        ),
        virtualService(
          '  hosts: [a.com]\n  gateways: [istio-system/public]\n  exportTo: [istio-system]',
          'default',
          'exported',
        ),
        virtualService(
          '  hosts: [a.com]\n  gateways: [istio-system/public]\n  exportTo: ["."]',
          'istio-system',
          'private',
        ),
        virtualService(
          '  hosts: [a.com]\n  gateways: [istio-system/public]',
          'default',
          'public-new',
        ),
        virtualService(
          '  hosts: [a.com]\n  gateways: [istio-system/other]',
          'default',
          'elsewhere',
        ),
      ),
    );
    const bound = virtualServicesForServer(model, model.gateways[0] as GatewayResource, 0);
    expect(bound.map((entry) => entry.virtualService.name)).toEqual([
      'private',
      'exported',
      'public-old',
      'public-new',
    ]);
  });
});
