import { describe, expect, it } from 'vitest';
import { parseRouteTests } from './routeTests';

describe('parseRouteTests', () => {
  it('given the example of route-tests.md, then every field is read', () => {
    const result = parseRouteTests(
      `tests:
- name: storefront root goes to proxy
  request:
    url: http://shop.example.com/cart?id=7
    method: GET
    headers:
      x-user: alice
      x-count: 3
    port: 80
    from: ingress
    entry: istio-system/istio-ingressgateway
  expect:
    gateway: istio-system/default-gateway
    virtualService: default/proxy
    route: 0
    destination: {host: proxy.default.svc.cluster.local, port: 80, subset: v1}
    status: null
    flag: null
    path: /v2/cart
    authority: cart.internal
- name: split
  request:
    url: http://shop.example.com/
    from: {namespace: shop, labels: {app: web}}
  expect:
    route: canary
    destinations:
      - {host: reviews.default.svc.cluster.local, subset: v1, weight: 90}
      - {host: reviews.default.svc.cluster.local, subset: v2, weight: 10}
    redirect: {status: 301, location: https://shop.example.com/}
    directResponse: null
`,
      'tests.yaml',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tests).toHaveLength(2);
    expect(result.tests[0]).toMatchObject({
      name: 'storefront root goes to proxy',
      line: 2,
      request: {
        url: 'http://shop.example.com/cart?id=7',
        headers: { 'x-user': 'alice', 'x-count': '3' },
        port: 80,
      },
      expect: { route: 0, status: null, flag: null, destination: { subset: 'v1' } },
    });
    expect(result.tests[1]?.request.from).toEqual({ namespace: 'shop', labels: { app: 'web' } });
    expect(result.tests[1]?.expect.destinations).toHaveLength(2);
    expect(result.tests[1]?.expect.directResponse).toBeNull();
  });

  it('given a test without expect (route-tests.md requires only name and url), then it is read with nothing to compare', () => {
    const result = parseRouteTests(
      'tests:\n- name: a\n  request: {url: http://h/}\n',
      'tests.yaml',
    );
    expect(result).toEqual({
      ok: true,
      tests: [expect.objectContaining({ name: 'a', expect: {}, file: 'tests.yaml', line: 2 })],
    });
  });

  it('given headers and labels named __proto__ or constructor, then they are kept as names', () => {
    const result = parseRouteTests(
      'tests:\n- name: a\n  request:\n    url: http://h/\n    headers: {__proto__: x, constructor: y}\n    from: {namespace: n, labels: {__proto__: z}}\n  expect: {}\n',
      'tests.yaml',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { request } = result.tests[0] ?? {};
    expect(Object.entries(request?.headers ?? {})).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
    const from = request?.from;
    expect(typeof from === 'object' ? Object.entries(from.labels) : []).toEqual([
      ['__proto__', 'z'],
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    {
      given: 'tests:\n- name: a\n  request: {url: http://h/}\n  expect: {destnation: null}\n',
      then: { line: 4, field: 'tests[0].expect.destnation', message: 'unknown key "destnation"' },
    },
    {
      given: 'tests:\n- name: a\n  request: {url: http://h/, sni: x}\n  expect: {}\n',
      then: { line: 3, field: 'tests[0].request.sni', message: 'unknown key "sni"' },
    },
    {
      given:
        'tests:\n- name: a\n  request: {url: http://h/}\n  expect: {destination: {host: h, weight: 5}}\n',
      then: {
        line: 4,
        field: 'tests[0].expect.destination.weight',
        message: 'unknown key "weight"',
      },
    },
    {
      given: 'tests:\n- name: a\n  request: {url: http://h/}\n  expect: {}\n  extra: 1\n',
      then: { line: 5, field: 'tests[0].extra', message: 'unknown key' },
    },
    {
      given: 'tests:\n- name: a\n  request: {url: http://h/}\n  expect:\n    flag: XX\n',
      then: { line: 5, field: 'tests[0].expect.flag', message: 'flag must be one of' },
    },
    {
      given: 'tests:\n- name: a\n  request: {url: http://h/}\n  expect: {status: "404"}\n',
      then: { line: 4, field: 'tests[0].expect.status', message: 'integer' },
    },
    {
      given: 'tests:\n- name: a\n  request: {url: "ftp://h/"}\n  expect: {}\n',
      then: { line: 3, field: 'tests[0].request.url', message: 'scheme "ftp"' },
    },
    {
      given: 'tests:\n- name: a\n  request: {method: GET}\n  expect: {}\n',
      then: { line: 3, field: 'tests[0].request.url', message: 'url is required' },
    },
    {
      given:
        'tests:\n- name: a\n  request: {url: http://h/}\n  expect: {}\n- name: a\n  request: {url: http://h/}\n  expect: {}\n',
      then: { line: 5, field: 'tests[1].name', message: 'duplicate test name (first on line 2)' },
    },
    { given: 'tests: [\n', then: { line: 2, field: '', message: '' } },
    {
      given: `tests:\n- name: a\n  request: &r ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
      then: { line: 3, field: '', message: 'Nesting is too deep' },
    },
    { given: 'test: []\n', then: { line: 1, field: 'test', message: 'unknown key "test"' } },
  ])(
    'given a faulty file, then the error names line $then.line and field $then.field',
    ({ given, then }) => {
      const result = parseRouteTests(given, 'tests.yaml');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const error = result.errors[0];
      expect(error).toMatchObject({ file: 'tests.yaml', line: then.line, field: then.field });
      expect(error?.message).toContain(then.message);
    },
  );
});
