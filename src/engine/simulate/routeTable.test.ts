import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import type { GatewayPod } from './listeners';
import { mergeGateways } from './listeners';
import { buildRouteTable, findVirtualHost } from './routeTable';

const POD: GatewayPod = {
  namespace: 'istio-system',
  labels: { istio: 'ingressgateway' },
  workloadKey: undefined,
  description: 'test pod',
};

function tableOf(...texts: string[]) {
  const model = designOf(documents(...texts)).model;
  const listener = [...mergeGateways(model, POD).listeners.values()][0];
  if (listener === undefined) throw new Error('no listener');
  return buildRouteTable(model, 'http.80', listener.servers, POD);
}

const GATEWAY = (hosts: string, tls = '') =>
  `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: istio-system}\nspec:\n  selector: {istio: ingressgateway}\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ${hosts}${tls}}]`;
const VS = (name: string, namespace: string, hosts: string, http: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  hosts: ${hosts}\n  gateways: [istio-system/gw]\n  http: ${http}`;

describe('buildRouteTable', () => {
  it('given two VirtualServices for one host, then their routes are concatenated with catch-alls last', () => {
    const table = tableOf(
      GATEWAY('["*"]'),
      VS(
        'old',
        'default',
        '[shop.example.com]',
        '[{match: [{uri: {prefix: /c}}], route: [{destination: {host: a}}]}, {route: [{destination: {host: b}}]}]',
      ),
      VS(
        'new',
        'shop',
        '[shop.example.com]',
        '[{match: [{uri: {prefix: /cart}}], route: [{destination: {host: c}}]}]',
      ),
    );
    const routes = table.exact.get('shop.example.com')?.routes ?? [];
    expect(routes.map((route) => `${route.rule.virtualService.name}[${route.rule.index}]`)).toEqual(
      ['old[0]', 'new[0]', 'old[1]'],
    );
  });

  it('given a rule after a catch-all, then it is left out with a reason', () => {
    const table = tableOf(
      GATEWAY('["*"]'),
      VS(
        'vs',
        'default',
        '["*"]',
        '[{route: [{destination: {host: a}}]}, {match: [{uri: {prefix: /x}}], route: [{destination: {host: b}}]}]',
      ),
    );
    expect(table.skipped.map((skip) => [skip.index, skip.reason])).toEqual([
      [1, 'after a catch-all rule: Istio stops translating the VirtualService there'],
    ]);
  });

  it('given match.port and sourceLabels that do not fit, then the entries are dropped at config time', () => {
    const table = tableOf(
      GATEWAY('["*"]'),
      VS(
        'vs',
        'default',
        '["*"]',
        '[{match: [{port: 443}], route: [{destination: {host: a}}]}, {match: [{sourceLabels: {app: web}}], route: [{destination: {host: b}}]}, {route: [{destination: {host: c}}]}]',
      ),
    );
    expect(table.skipped.map((skip) => skip.reason)).toEqual([
      'match.port 443 is not the server port 80: the entry is dropped when the route table is built',
      'sourceLabels {app=web} are not labels of the gateway pod itself: the entry is dropped',
    ]);
    expect(table.catchAllHost?.routes.map((route) => route.rule.index)).toEqual([2]);
  });

  it('given httpsRedirect and no VirtualService, then the server hosts still get require-TLS vhosts', () => {
    const table = tableOf(GATEWAY('[shop.example.com]', ', tls: {httpsRedirect: true}'));
    expect(
      table.virtualHosts.map((virtualHost) => [
        virtualHost.domain,
        virtualHost.requireTls,
        virtualHost.routes.length,
      ]),
    ).toEqual([['shop.example.com', true, 0]]);
  });

  it('given no bound VirtualService, then the table has the blackhole * vhost and says why', () => {
    const table = tableOf(
      GATEWAY('["*"]'),
      VS(
        'mesh-only',
        'default',
        '[shop.example.com]',
        '[{route: [{destination: {host: a}}]}]',
      ).replace('  gateways: [istio-system/gw]\n', '  gateways: [istio-system/other]\n'),
    );
    expect(table.virtualHosts).toHaveLength(1);
    expect(table.catchAllHost?.blackhole).toBe(true);
  });
});

describe('findVirtualHost', () => {
  const table = tableOf(
    GATEWAY('["*"]'),
    VS(
      'a',
      'default',
      '["api.example.com", "*.example.com", "*.api.example.com", "shop.*"]',
      '[{route: [{destination: {host: a}}]}]',
    ),
    VS('b', 'default', '["*"]', '[{route: [{destination: {host: b}}]}]'),
  );
  it.each([
    { host: 'api.example.com', then: 'api.example.com' },
    { host: 'API.EXAMPLE.COM:8080', then: 'api.example.com' },
    { host: 'x.api.example.com', then: '*.api.example.com' },
    { host: 'www.example.com', then: '*.example.com' },
    { host: 'shop.local', then: 'shop.*' },
    { host: 'example.com', then: '*' },
  ])('given Host $host, then vhost $then', ({ host, then }) => {
    expect(findVirtualHost(table, host)?.domain).toBe(then);
  });
});
