import { describe, expect, it } from 'vitest';
import { designOf, documents } from '../testing/designOf';
import { parseFile } from '../yaml/parseFile';
import { buildModel, compareCreation } from './buildModel';
import { loadDesign } from './loadDesign';

const virtualService = (spec: string, name = 'proxy') =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

describe('buildModel: kinds and apiVersions', () => {
  it.each([
    { apiVersion: 'v1', kind: 'Service', modelled: true },
    { apiVersion: 'apps/v1', kind: 'Deployment', modelled: true },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', modelled: true },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', modelled: true },
    { apiVersion: 'networking.istio.io/v1alpha3', kind: 'Gateway', modelled: true },
    { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', modelled: true },
    { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', modelled: true },
    { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', modelled: true },
    { apiVersion: 'v1', kind: 'ConfigMap', modelled: false, code: 'SP0007' },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      modelled: false,
      code: 'SP0007',
    },
    { apiVersion: 'networking.istio.io/v2', kind: 'Gateway', modelled: false, code: 'SP0008' },
    { apiVersion: 'apps/v1beta1', kind: 'Deployment', modelled: false, code: 'SP0008' },
  ])(
    'given $kind $apiVersion, then modelled is $modelled',
    ({ apiVersion, kind, modelled, code }) => {
      const { model } = designOf(
        `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`,
      );
      expect(model.resources.map((resource) => resource.key)).toEqual(
        modelled ? [`${kind}/default/x`] : [],
      );
      expect(model.unmodelled.map((resource) => resource.kind)).toEqual(modelled ? [] : [kind]);
      expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(
        code === undefined ? [] : [code],
      );
    },
  );

  it('given an unmodelled kind, then the info diagnostic says "not modelled" and points at kind', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\n';
    const [diagnostic] = designOf(text).model.diagnostics;
    expect(diagnostic?.level).toBe('info');
    expect(diagnostic?.message).toContain('ConfigMap shop/settings');
    expect(diagnostic?.message).toContain('not modelled');
    expect(text.slice(diagnostic?.range?.start, diagnostic?.range?.end)).toBe('ConfigMap');
  });

  it('given no namespace, then the namespace is default and namespaceWritten is false', () => {
    const { model } = designOf(
      documents(
        'apiVersion: v1\nkind: Service\nmetadata: {name: a}',
        'apiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: shop}',
      ),
    );
    expect(model.services.map((service) => [service.key, service.namespaceWritten])).toEqual([
      ['Service/default/a', false],
      ['Service/shop/b', true],
    ]);
  });

  it('given a kind: List, then each item is a resource whose origin path is items[i]', () => {
    const { model } = designOf(
      [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- {apiVersion: v1, kind: Service, metadata: {name: a}}',
        '- {apiVersion: v1, kind: Namespace, metadata: {name: shop}}',
        '- {apiVersion: v1, kind: Service, metadata: {name: b}, spec: {type: LoadBalancer}}',
      ].join('\n'),
    );
    expect(model.services.map((service) => [service.name, service.origin.path])).toEqual([
      ['a', ['items', 0]],
      ['b', ['items', 2]],
    ]);
    expect(model.unmodelled.map((resource) => resource.origin.path)).toEqual([['items', 1]]);
    expect(model.services[1]?.spec.type).toBe('LoadBalancer');
    expect(model.services[0]?.spec.type).toBe('ClusterIP');
  });

  it.each([
    { name: 'a scalar document', text: 'just text\n', code: 'SP0004' },
    { name: 'a list document', text: '- a\n- b\n', code: 'SP0004' },
    { name: 'a map without kind', text: 'apiVersion: v1\nmetadata: {name: a}\n', code: 'SP0005' },
    { name: 'a resource without name', text: 'apiVersion: v1\nkind: Service\n', code: 'SP0006' },
    { name: 'an empty document', text: '---\n# nothing\n', code: undefined },
  ])('given $name, then the diagnostic is $code and nothing is modelled', ({ text, code }) => {
    const { model } = designOf(text);
    expect(model.resources).toEqual([]);
    expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(
      code === undefined ? [] : [code],
    );
  });

  it('given a document with a syntax error, then it contributes nothing but its diagnostic', () => {
    const { model } = designOf(
      documents(
        'apiVersion: v1\nkind: Service\nmetadata: {name: good}',
        'apiVersion: v1\nkind: Service\nmetadata: {name: "broken}',
      ),
    );
    expect(model.resources.map((resource) => resource.name)).toEqual(['good']);
    expect(model.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(model.diagnostics.map((diagnostic) => diagnostic.code))).toEqual(
      new Set(['SP0001']),
    );
    expect(model.diagnostics.every((diagnostic) => (diagnostic.range?.line ?? 0) >= 5)).toBe(true);
  });

  it('given an alias bomb, then the document is refused with SP0003 and nothing throws', () => {
    const bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: bomb}',
      'a: &a ["l","l","l","l","l","l","l","l","l","l"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const { model } = designOf(bomb);
    expect(model.unmodelled).toEqual([]);
    expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['SP0003']);
  });
});

describe('buildModel: alias budget', () => {
  it.each([
    { aliases: 10, modelled: true },
    { aliases: 1001, modelled: false },
  ])(
    'given $aliases aliases in modelled fields, then modelled is $modelled',
    ({ aliases, modelled }) => {
      const text = virtualService(
        `  hosts: [a]\n  x: &rule {route: [{destination: {host: web}}]}\n  http: [${Array.from({ length: aliases }, () => '*rule').join(', ')}]`,
      );
      const { model } = designOf(text);
      expect(model.virtualServices.length).toBe(modelled ? 1 : 0);
      expect(model.virtualServices[0]?.spec.http?.length).toBe(modelled ? aliases : undefined);
      expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(
        modelled ? [] : ['SP0003'],
      );
    },
  );
});

describe('buildModel: shape checks', () => {
  it.each([
    {
      name: 'hosts not a list',
      spec: '  hosts: shop.example.com\n  http: []',
      message: 'VirtualService default/proxy: spec.hosts must be a list of strings',
      at: 'shop.example.com',
    },
    {
      name: 'a number among hosts',
      spec: '  hosts: [a.example.com, 42]',
      message: 'VirtualService default/proxy: spec.hosts must be a list of strings',
      at: '42',
    },
    {
      name: 'weight as a string',
      spec: '  http:\n  - route:\n    - destination: {host: web}\n      weight: "50"',
      message: 'VirtualService default/proxy: spec.http[0].route[0].weight must be an integer',
      at: '"50"',
    },
    {
      name: 'a fractional port',
      spec: '  http:\n  - match:\n    - port: 80.5',
      message: 'VirtualService default/proxy: spec.http[0].match[0].port must be an integer',
      at: '80.5',
    },
    {
      name: 'a rule that is not a map',
      spec: '  http:\n  - route: []\n  - just a string',
      message: 'VirtualService default/proxy: spec.http must be a list of maps',
      at: 'just a string',
    },
    {
      name: 'a header matcher that is not a map',
      spec: '  http:\n  - match:\n    - headers:\n        x-user: alice',
      message: 'VirtualService default/proxy: spec.http[0].match[0].headers.x-user must be a map',
      at: 'alice',
    },
  ])('given $name, then the field is dropped with "$message"', ({ spec, message, at }) => {
    const text = virtualService(spec);
    const { model } = designOf(text);
    const diagnostic = model.diagnostics[0];
    expect(model.diagnostics).toHaveLength(1);
    expect(diagnostic).toMatchObject({
      code: 'SP0009',
      level: 'error',
      message,
      resource: 'VirtualService/default/proxy',
    });
    expect(text.slice(diagnostic?.range?.start, diagnostic?.range?.end)).toBe(at);
    expect(diagnostic?.range?.file).toBe('design.yaml');
    expect(diagnostic?.range?.line).toBe(text.slice(0, text.indexOf(at)).split('\n').length);
  });

  it('given a wrongly typed weight, then only that field is dropped and the rest stays', () => {
    const { model } = designOf(
      virtualService('  http:\n  - route:\n    - destination: {host: web}\n      weight: "50"'),
    );
    expect(model.virtualServices[0]?.spec).toEqual({
      http: [{ route: [{ destination: { host: 'web' } }] }],
    });
  });

  it('given a list with a bad item, then the whole list is dropped so indexes never shift', () => {
    const { model } = designOf(virtualService('  hosts: [a, 1]\n  http:\n  - route: []\n  - 7'));
    expect(model.virtualServices[0]?.spec).toEqual({});
  });

  it('given an unknown Service type and a label that is not a string, then both are reported', () => {
    const { model } = designOf(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: {app: web, version: 1}\nspec:\n  type: Cluster\n',
    );
    expect(model.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'Service default/a: metadata.labels.version must be a string',
      'Service default/a: spec.type must be one of ClusterIP, LoadBalancer, NodePort, ExternalName',
    ]);
    expect(model.services[0]?.labels).toEqual({ app: 'web' });
    expect(model.services[0]?.spec.type).toBe('ClusterIP');
  });

  it('given unknown fields, then they are silently left out of the model', () => {
    const { model } = designOf(
      virtualService('  hosts: [a]\n  colour: blue\n  http: [{nonsense: 1}]'),
    );
    expect(model.diagnostics).toEqual([]);
    expect(model.virtualServices[0]?.spec).toEqual({ hosts: ['a'], http: [{}] });
  });

  it('given __proto__ and constructor keys, then no prototype is touched and a warning names them', () => {
    const text = [
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      'metadata:',
      '  name: __proto__',
      '  labels: {__proto__: x, constructor: y}',
      'spec:',
      '  host: web',
      '  __proto__: {polluted: true}',
      '  trafficPolicy:',
      '    loadBalancer: {__proto__: {polluted: true}, simple: RANDOM}',
    ].join('\n');
    const { model } = designOf(text);
    const rule = model.destinationRules[0];
    expect(rule?.key).toBe('DestinationRule/default/__proto__');
    expect(model.byKey.get('DestinationRule/default/__proto__')).toBe(rule);
    expect(rule?.labels.constructor).toBe('y');
    expect(Object.keys(rule?.labels ?? {})).toEqual(['constructor']);
    expect(rule?.spec.trafficPolicy?.loadBalancer).toEqual({ simple: 'RANDOM' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(rule?.spec)).toBe(Object.prototype);
    expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      'SP0012',
      'SP0012',
      'SP0012',
    ]);
  });

  it('given a Deployment, then its pod template becomes the workload spec', () => {
    const { model } = designOf(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web, namespace: shop}',
        'spec:',
        '  replicas: 2',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata:',
        '      labels: {app: web, version: v1}',
        '      annotations: {sidecar.istio.io/inject: "true"}',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        image: nginx',
        '        ports: [{name: http, containerPort: 8080}]',
        '      - name: istio-proxy',
      ].join('\n'),
    );
    expect(model.workloads[0]?.spec).toEqual({
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      podLabels: { app: 'web', version: 'v1' },
      podAnnotations: { 'sidecar.istio.io/inject': 'true' },
      containerPorts: [{ name: 'http', containerPort: 8080 }],
      containerNames: ['web', 'istio-proxy'],
    });
  });

  it('given merge keys, then merged fields are modelled as kubectl would read them', () => {
    const { model } = designOf(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: a}',
        'spec:',
        '  ports:',
        '  - &http {name: http, port: 80, targetPort: 8080}',
        '  - <<: *http',
        '    name: http-alt',
        '    port: 81',
      ].join('\n'),
    );
    expect(model.services[0]?.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'http-alt', port: 81, targetPort: 8080 },
    ]);
  });
});

describe('buildModel: duplicates and creation order', () => {
  it('given the same key twice, then the later definition wins with an SP0010 diagnostic', () => {
    const text = documents(
      virtualService('  hosts: [first]'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: proxy}',
      virtualService('  hosts: [second]'),
    );
    const { model } = designOf(text);
    expect(model.virtualServices.map((resource) => resource.spec.hosts)).toEqual([['second']]);
    expect(model.resources.map((resource) => resource.key)).toEqual([
      'Service/default/proxy',
      'VirtualService/default/proxy',
    ]);
    const duplicate = model.diagnostics.find((diagnostic) => diagnostic.code === 'SP0010');
    expect(duplicate?.message).toContain('defined twice');
    expect(duplicate?.range?.line).toBe(text.split('\n').lastIndexOf('  name: proxy') + 1);
  });

  it('given timestamps and document order, then ranks follow Sailplan rule (routing-semantics §0)', () => {
    const service = (name: string, namespace: string, timestamp?: string) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}${
        timestamp === undefined ? '' : `\n  creationTimestamp: "${timestamp}"`
      }`;
    const { model } = designOf(
      documents(
        service('untimed-1', 'a'),
        service('late', 'a', '2024-05-01T00:00:00Z'),
        service('tie', 'b', '2024-01-01T00:00:00Z'),
        service('untimed-2', 'a'),
        service('tie', 'a', '2024-01-01T00:00:00Z'),
        service('early', 'z', '2023-01-01T00:00:00Z'),
        service('bad', 'a', 'yesterday'),
      ),
    );
    expect(model.services.map((resource) => `${resource.namespace}/${resource.name}`)).toEqual([
      'z/early',
      'a/tie',
      'b/tie',
      'a/late',
      'a/untimed-1',
      'a/untimed-2',
      'a/bad',
    ]);
    expect(model.services.map((resource) => resource.creationRank)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...model.resources].sort(compareCreation)).toEqual(model.services);
    expect(model.resources[0]?.name).toBe('untimed-1');
    expect(model.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['SP0011']);
  });

  it('given several files, then document order runs across them in the order given', () => {
    const { model } = loadDesign([
      { name: 'b.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: from-b}\n' },
      { name: 'a.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: from-a}\n' },
    ]);
    expect(model.services.map((service) => [service.name, service.origin.file])).toEqual([
      ['from-b', 'b.yaml'],
      ['from-a', 'a.yaml'],
    ]);
  });
});

describe('buildModel with a previous model', () => {
  const text = documents(
    'apiVersion: v1\nkind: Service\nmetadata: {name: a}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: b}',
  );
  const first = loadDesign([{ name: 'design.yaml', text }]);

  it('given the same files, then the previous model is returned', () => {
    expect(buildModel(first.files, first.model)).toBe(first.model);
  });

  it('given an edit to one document, then the other resource is the same object', () => {
    const next = loadDesign(
      [{ name: 'design.yaml', text: text.replace('name: b', 'name: c') }],
      first,
    );
    expect(next.model.byKey.get('Service/default/a')).toBe(
      first.model.byKey.get('Service/default/a'),
    );
    expect(next.model.byKey.has('Service/default/b')).toBe(false);
    expect(next.model.byKey.get('Service/default/c')?.name).toBe('c');
  });

  it('given a document moved, then the resource is a new object with its new origin', () => {
    const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}`;
    const before = loadDesign([
      { name: 'design.yaml', text: documents(service('x'), service('a'), service('b')) },
    ]);
    const after = loadDesign(
      [{ name: 'design.yaml', text: documents(service('x'), service('b'), service('a')) }],
      before,
    );
    const moved = after.model.byKey.get('Service/default/a');
    const earlier = before.model.byKey.get('Service/default/a');
    expect(moved).not.toBe(earlier);
    expect(moved?.origin.documentIndex).toBe(2);
    expect(moved?.creationRank).toBe(2);
    expect(moved?.spec).toBe(earlier?.spec);
  });

  it('given a model built without previous, then it equals one built with it', () => {
    const edited = text.replace('name: b', 'name: c');
    const fresh = buildModel([parseFile({ name: 'design.yaml', text: edited })]);
    const incremental = loadDesign([{ name: 'design.yaml', text: edited }], first).model;
    expect(incremental.resources).toEqual(fresh.resources);
  });
});
