import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../model/loadDesign';
import { documents } from '../../testing/designOf';
import { analyze } from '../analyze';
import { messagesOf, withCode } from '../testing/analyzeYaml';
import { editDistance } from './sp1008-unknownField';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

const MISSPELT = [
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: x, namespace: default}
spec:
  hosts: [shop.example.com]
  gatways: [istio-system/public]
  http:
  - match:
    - uri: {prefx: /a}
    route:
    - destination: {host: web}
      wieght: 5`,
  `apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: web
  trafficPolicy:
    loadBalancer:
      simpel: ROUND_ROBIN`,
];

describe('SP1008 UnknownField', () => {
  it('given misspelt fields at several depths, when analyzed, then each is a warning at its path with the field meant', () => {
    const text = documents(...MISSPELT);
    const found = withCode('SP1008', MISSPELT).map((diagnostic) => ({
      code: diagnostic.code,
      level: diagnostic.level,
      resource: diagnostic.resource,
      path: diagnostic.path,
      message: diagnostic.message,
      text: text.slice(diagnostic.range?.start, diagnostic.range?.end),
    }));
    expect(found).toEqual([
      {
        code: 'SP1008',
        level: 'warning',
        resource: 'VirtualService/default/x',
        path: ['spec', 'gatways'],
        message: 'Unknown field "gatways" in spec: Istio drops it (did you mean "gateways"?)',
        text: 'gatways: [istio-system/public]',
      },
      {
        code: 'SP1008',
        level: 'warning',
        resource: 'VirtualService/default/x',
        path: ['spec', 'http', 0, 'match', 0, 'uri', 'prefx'],
        message:
          'Unknown field "prefx" in spec.http[0].match[0].uri: Istio drops it (did you mean "prefix"?)',
        text: '/a',
      },
      {
        code: 'SP1008',
        level: 'warning',
        resource: 'VirtualService/default/x',
        path: ['spec', 'http', 0, 'route', 0, 'wieght'],
        message:
          'Unknown field "wieght" in spec.http[0].route[0]: Istio drops it (did you mean "weight"?)',
        text: '5',
      },
      {
        code: 'SP1008',
        level: 'warning',
        resource: 'DestinationRule/default/web',
        path: ['spec', 'trafficPolicy', 'loadBalancer', 'simpel'],
        message:
          'Unknown field "simpel" in spec.trafficPolicy.loadBalancer: Istio drops it (did you mean "simple"?)',
        text: 'ROUND_ROBIN',
      },
    ]);
  });

  it('given an unknown field like no known sibling, when analyzed, then it warns without a suggestion', () => {
    expect(
      messagesOf('SP1008', [
        `apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"], tl: {mode: SIMPLE}}]
  colour: blue`,
        `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api, namespace: default}
spec:
  hosts: [api.example.com]
  ports: [{number: 443, name: https, protocol: TLS}]
  resolution: DNS
  location: MESH_EXTERNAL
  dnsPolicy: cached`,
      ]),
    ).toEqual([
      'Unknown field "tl" in spec.servers[0]: Istio drops it',
      'Unknown field "colour" in spec: Istio drops it',
      'Unknown field "dnsPolicy" in spec: Istio drops it',
    ]);
  });

  it('given a field brought in by a merge key from an anchor, when analyzed, then it is checked as written there', () => {
    const found = withCode('SP1008', [
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: x, namespace: default}
spec:
  hosts: [web]
  http:
  - route: &route [{destination: {host: web, subet: v1}}]
  - <<: {retries: {atempts: 2}}
    route: *route`,
    ]);
    expect(found.map((diagnostic) => diagnostic.path)).toEqual([
      ['spec', 'http', 0, 'route', 0, 'destination', 'subet'],
      // The alias's field is placed where the anchor writes it.
      ['spec', 'http', 1, 'route', 0, 'destination', 'subet'],
      ['spec', 'http', 1, 'retries', 'atempts'],
    ]);
  });

  it('given label maps, header maps, metadata and status with any keys, when analyzed, then nothing is reported', () => {
    expect(
      messagesOf('SP1008', [
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: x, namespace: default, labels: {anything: goes}, annotations: {gatways: x}, colour: blue}
spec:
  hosts: [web]
  exportTo: ["."]
  http:
  - match:
    - headers: {x-user: {exact: alice}, ":authority": {prefix: shop}}
      queryParams: {q: {regex: ".*"}}
      sourceLabels: {app: web, gatways: x}
    headers:
      request: {set: {x-gatways: "1"}, add: {hosts: a}}
    route: [{destination: {host: web}, headers: {response: {remove: [x-a]}}}]
status: {gatways: whatever, conditions: [{anything: 1}]}`,
        `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: web
  workloadSelector: {matchLabels: {any-label: x}}
  subsets: [{name: v1, labels: {version: v1, simpel: x}}]`,
        `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway, gatways: x}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`,
      ]),
    ).toEqual([]);
  });

  it('given unknown kinds, other apiVersions and Kubernetes Services and Deployments, when analyzed, then nothing is reported', () => {
    expect(
      messagesOf('SP1008', [
        `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: default}
spec: {gatways: x}`,
        `apiVersion: example.com/v1
kind: VirtualService
metadata: {name: other, namespace: default}
spec: {gatways: x}`,
        `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {selector: {app: web}, ports: [{port: 80}], gatways: x}`,
        `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: x, wieght: 5}]}}
  gatways: x`,
      ]),
    ).toEqual([]);
  });

  it('given every example and routing-vector design, when analyzed, then no field is unknown', () => {
    const designs = [
      ...yamlFiles(join(root, 'examples')),
      ...yamlFiles(join(root, 'tests', 'vectors')),
    ];
    expect(designs.length).toBeGreaterThan(10);
    const found = designs.flatMap((path) =>
      analyze(loadDesign([{ name: relative(root, path), text: readFileSync(path, 'utf8') }]), {
        codes: ['SP1008'],
      }).map((diagnostic) => `${diagnostic.range?.file ?? ''}: ${diagnostic.message}`),
    );
    expect(found).toEqual([]);
  });

  it('given two names, then the distance counts a swap of neighbours as one edit and stops past the limit', () => {
    expect(editDistance('wieght', 'weight', 2)).toBe(1);
    expect(editDistance('gatways', 'gateways', 2)).toBe(1);
    expect(editDistance('prefx', 'prefix', 2)).toBe(1);
    expect(editDistance('colour', 'hosts', 2)).toBe(3);
    expect(editDistance('abc', 'abc', 0)).toBe(0);
  });
});

function yamlFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}
