import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const DESIGN = `apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: ["*"]
  gateways: [istio-system/public]
  http:
  - name: api
    match: [{uri: {prefix: /api}, headers: {x-user: {exact: alice}}}]
    route: [{destination: {host: api}}]
  - route: [{destination: {host: web}}]
`;

const directory = mkdtempSync(join(tmpdir(), 'sailplan-cli-'));
function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}
const design = file('design.yaml', DESIGN);

async function sailplan(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('sailplan test', () => {
  it('given passing tests, then one ok line each, the closing count and status 0', async () => {
    const tests = file(
      'pass.tests.yaml',
      'tests:\n- name: root goes to web\n  request: {url: http://shop.example.com/}\n  expect: {virtualService: default/web, route: 1, destination: {host: web.default.svc.cluster.local, port: 80}}\n',
    );
    const result = await sailplan('test', design, '--tests', tests);
    expect(result.out).toBe('ok root goes to web\n1 passed, 0 failed');
    expect(result.status).toBe(0);
  });

  it('given a failing test, then FAIL with the difference and status 1', async () => {
    const tests = file(
      'fail.tests.yaml',
      'tests:\n- name: fine\n  request: {url: http://shop.example.com/}\n  expect: {status: null}\n- name: wrong destination\n  request: {url: http://shop.example.com/}\n  expect: {destination: {host: api.default.svc.cluster.local}}\n',
    );
    const result = await sailplan('test', design, '--tests', tests);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('ok fine');
    expect(lines[1]).toBe('FAIL wrong destination');
    expect(lines[2]).toBe(
      '    destination: expected api.default.svc.cluster.local, got web.default.svc.cluster.local port 80 100%',
    );
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
    expect(result.status).toBe(1);
  });

  it.each([
    {
      given: 'an unknown key in expect',
      tests: 'tests:\n- name: a\n  request: {url: http://h/}\n  expect: {destiny: null}\n',
      then: 'bad.tests.yaml:4:12: tests[0].expect.destiny: unknown key "destiny"',
    },
    {
      given: 'invalid YAML in the test file',
      tests: 'tests:\n- name: a\n  request: {url: http://h/\n',
      then: 'bad.tests.yaml:',
    },
  ])('given $given, then status 2 and a message naming file and line', async ({ tests, then }) => {
    const path = file('bad.tests.yaml', tests);
    const result = await sailplan('test', design, '--tests', path);
    expect(result.status).toBe(2);
    expect(result.err).toContain(then);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(result.out).toBe('');
  });

  it('given manifests that are not YAML, then status 2 naming the file and line', async () => {
    const broken = file('broken.yaml', 'kind: Service\nmetadata: {name: x\n');
    const tests = file('ok.tests.yaml', 'tests: []\n');
    const result = await sailplan('test', broken, '--tests', tests);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(/broken\.yaml:\d+:\d+: /);
  });

  it('given a missing file, then status 2 saying which', async () => {
    const result = await sailplan('test', join(directory, 'nope.yaml'), '--tests', design);
    expect(result.status).toBe(2);
    expect(result.err).toBe(`sailplan: cannot read ${join(directory, 'nope.yaml')}: no such file`);
  });
});

describe('sailplan trace', () => {
  it('given a URL, then the steps and the outcome, status 0', async () => {
    const result = await sailplan(
      'trace',
      design,
      '--url',
      'http://shop.example.com/api/x',
      '-H',
      'X-User: alice',
      '-X',
      'POST',
    );
    expect(result.status).toBe(0);
    // The request as sent, its headers under it as the proxy sees them (names in lower case).
    expect(result.out).toContain(
      'POST http://shop.example.com/api/x (from ingress, port 80)\n   x-user: alice\n',
    );
    expect(result.out).toContain(
      'LoadBalancer istio-system/istio-ingressgateway port 80 -> pod port 8080',
    );
    expect(result.out).toContain('default/web http[0] "api" match[0]');
    expect(result.out).toContain(
      '=> 503 NC: Envoy has no cluster outbound|80||api.default.svc.cluster.local',
    );
  });

  it('given --json, then one JSON object whose outcome uses the keys of expect', async () => {
    const result = await sailplan('trace', design, '--url', 'http://shop.example.com/', '--json');
    const trace = JSON.parse(result.out) as { outcome: Record<string, unknown>; steps: unknown[] };
    expect(Object.keys(trace.outcome).sort()).toEqual(
      [
        'authority',
        'destination',
        'destinations',
        'directResponse',
        'flag',
        'gateway',
        'path',
        'redirect',
        'route',
        'status',
        'virtualService',
      ].sort(),
    );
    expect(trace.outcome.virtualService).toBe('default/web');
    expect(trace.steps.length).toBeGreaterThan(5);
  });

  it('given --from NS/label=value, then the request starts at a sidecar', async () => {
    const result = await sailplan(
      'trace',
      design,
      '--url',
      'http://web/',
      '--from',
      'default/app=client,version=v1',
      '--json',
    );
    const trace = JSON.parse(result.out) as {
      request: { from: string; source: unknown };
      outcome: { gateway: string | null; destination: { host: string } };
    };
    expect(trace.request.from).toBe('default (app=client, version=v1)');
    // The same as data, in the form of a route test's request.from.
    expect(trace.request.source).toEqual({
      namespace: 'default',
      labels: { app: 'client', version: 'v1' },
    });
    expect(trace.outcome.gateway).toBeNull();
    expect(trace.outcome.destination.host).toBe('web.default.svc.cluster.local');
  });

  it.each([
    { args: ['--url', 'shop.example.com/'], then: 'is not of the form scheme://host[:port]/path' },
    { args: ['--url', 'http://h/', '-H', 'no-colon'], then: "is not of the form 'name: value'" },
    {
      args: ['--url', 'http://h/', '--from', 'default/app'],
      then: 'is not of the form label=value',
    },
    {
      args: ['--url', 'http://h/', '--from', 'ingres'],
      then: '--from "ingres" is neither ingress nor NS/label=value,...',
    },
    { args: [], then: 'trace needs --url URL' },
  ])('given $args, then status 2: $then', async ({ args, then }) => {
    const result = await sailplan('trace', design, ...args);
    expect(result.status).toBe(2);
    expect(result.err).toContain(then);
  });
});

describe('sailplan analyze', () => {
  it("given findings, then istioctl's format and status 1 when one is an error", async () => {
    const result = await sailplan('analyze', design);
    expect(result.out).toMatch(
      /^Error \[IST0101\] \(VirtualService default\/web .*design\.yaml:\d+\) Referenced host not found: "api"/m,
    );
    expect(result.status).toBe(1);
  });

  it('given --json, then an array of diagnostics with the facts of the text line', async () => {
    const result = await sailplan('analyze', design, '--json');
    const diagnostics = JSON.parse(result.out) as {
      code: string;
      level: string;
      resource: string;
      path: (string | number)[];
      range: { file: string; line: number; column: number; start: number; end: number };
    }[];
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('IST0101');
    const [notFound] = diagnostics.filter((diagnostic) => diagnostic.code === 'IST0101');
    expect(notFound).toMatchObject({
      level: 'error',
      resource: 'VirtualService/default/web',
      path: ['spec', 'http', 0, 'route', 0, 'destination', 'host'],
      range: { file: design, line: 32 },
    });
    expect(DESIGN.slice(notFound?.range.start, notFound?.range.end)).toBe('api');
    expect(result.status).toBe(1);
  });

  it("given Istio's analyze-suppress annotation on the resource, then the finding is silenced in the design and status 0", async () => {
    const silenced = file(
      'silenced.yaml',
      DESIGN.replace(
        'metadata: {name: web, namespace: default}\nspec:\n  hosts: ["*"]',
        'metadata: {name: web, namespace: default, annotations: {galley.istio.io/analyze-suppress: IST0101}}\nspec:\n  hosts: ["*"]',
      ),
    );
    const result = await sailplan('analyze', silenced);
    expect(result.out).toBe('');
    expect(result.status).toBe(0);
  });
  it('given a misspelt spec field, then a warning line names it and the field meant, and status 0', async () => {
    const misspelt = file(
      'misspelt.yaml',
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: x, namespace: default}
spec:
  hosts: [web]
  gatways: [istio-system/public]
  http:
  - route: [{destination: {host: web}}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
`,
    );
    const result = await sailplan('analyze', misspelt);
    expect(result.out).toBe(
      `Warning [SP1008] (VirtualService default/x ${misspelt}:6) Unknown field "gatways" in spec: Istio drops it (did you mean "gateways"?)`,
    );
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
  });
});

// A mesh installed with the cluster domain corp.example: the domain is part of the manifests (an
// IstioOperator, one more FILE), so test, trace and analyze take it without a flag of their own.
const INSTALL = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: installed, namespace: istio-system}
spec:
  values:
    global:
      proxy:
        clusterDomain: corp.example
`;
const BOOKINFO = `apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: default}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: default}
spec:
  selector: {matchLabels: {app: reviews, version: v1}}
  template:
    metadata: {labels: {app: reviews, version: v1}}
    spec: {containers: [{name: reviews, image: reviews}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v2, namespace: default}
spec:
  selector: {matchLabels: {app: reviews, version: v2}}
  template:
    metadata: {labels: {app: reviews, version: v2}}
    spec: {containers: [{name: reviews, image: reviews}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: default}
spec:
  host: reviews.default.svc.corp.example
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bookinfo, namespace: default}
spec:
  hosts: [bookinfo.example.com]
  gateways: [istio-system/public]
  http:
  - route: [{destination: {host: reviews.default.svc.corp.example, subset: v2}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: default}
spec:
  hosts: [reviews]
  http:
  - route:
    - {destination: {host: reviews.default.svc.corp.example, subset: v1}, weight: 90}
    - {destination: {host: reviews.default.svc.corp.example, subset: v2}, weight: 10}
`;
const CUSTOM_DOMAIN_TESTS = `tests:
- name: ingress goes to reviews v2
  request: {url: http://bookinfo.example.com/reviews/1}
  expect:
    virtualService: default/bookinfo
    status: null
    destination: {host: reviews.default.svc.corp.example, port: 9080, subset: v2}
- name: a mesh call to reviews splits 90/10
  request:
    url: http://reviews:9080/reviews/1
    from: {namespace: default, labels: {app: productpage}}
  expect:
    virtualService: default/reviews
    status: null
    destinations:
    - {host: reviews.default.svc.corp.example, subset: v1, weight: 90}
    - {host: reviews.default.svc.corp.example, subset: v2, weight: 10}
`;

describe('a custom cluster domain (an IstioOperator among the manifests)', () => {
  const install = file('install.yaml', INSTALL);
  const bookinfo = file('bookinfo.yaml', BOOKINFO);
  const tests = file('bookinfo.tests.yaml', CUSTOM_DOMAIN_TESTS);

  it('given the install manifest, when tested, then routes to reviews.default.svc.corp.example pass', async () => {
    const result = await sailplan('test', install, bookinfo, '--tests', tests);
    expect(result.out).toBe(
      'ok ingress goes to reviews v2\nok a mesh call to reviews splits 90/10\n2 passed, 0 failed',
    );
    expect(result.status).toBe(0);
  });

  it('given the same manifests without it (cluster.local), when tested, then both fail: Envoy has no such cluster', async () => {
    const result = await sailplan('test', bookinfo, '--tests', tests);
    expect(result.out.split('\n').filter((line) => /^(ok|FAIL) /.test(line))).toEqual([
      'FAIL ingress goes to reviews v2',
      'FAIL a mesh call to reviews splits 90/10',
    ]);
    expect(result.out).toContain('503 NC');
    expect(result.status).toBe(1);
  });

  it('given the install manifest, when traced, then the destination is named in corp.example', async () => {
    const result = await sailplan(
      'trace',
      install,
      bookinfo,
      '--url',
      'http://reviews.default:9080/',
      '--from',
      'default/app=productpage',
      '--json',
    );
    const trace = JSON.parse(result.out) as { outcome: { destinations: { host: string }[] } };
    expect(trace.outcome.destinations.map((destination) => destination.host)).toEqual([
      'reviews.default.svc.corp.example',
      'reviews.default.svc.corp.example',
    ]);
    expect(result.status).toBe(0);
  });

  it('given the install manifest, when analyzed, then no host is reported and status 0', async () => {
    const result = await sailplan('analyze', install, bookinfo);
    expect(result.out).toBe(
      `Info [SP0013] (${install}:8) IstioOperator istio-system/installed sets the cluster domain corp.example: Service hosts are name.namespace.svc.corp.example. Sailplan reads nothing else from an IstioOperator`,
    );
    expect(result.status).toBe(0);
  });

  it("given the manifests without it, when analyzed, then istioctl's IST0101 errors and status 1", async () => {
    const result = await sailplan('analyze', bookinfo);
    expect(result.out).toContain(
      `Error [IST0101] (VirtualService default/bookinfo ${bookinfo}:57) Referenced host not found: "reviews.default.svc.corp.example" (Service default/reviews is reviews.default.svc.cluster.local: the design's cluster domain is cluster.local; set another in an IstioOperator's spec.values.global.proxy.clusterDomain)`,
    );
    expect(result.status).toBe(1);
  });
});

describe('sailplan arguments', () => {
  it.each([
    { args: ['--help'], status: 0, out: 'Usage:' },
    { args: [], status: 2, out: 'Usage:' },
    { args: ['fly', 'x.yaml'], status: 2, err: 'unknown command "fly"' },
    { args: ['test', 'x.yaml'], status: 2, err: 'test needs --tests TESTS.yaml' },
    {
      args: ['test', '--tests', 't.yaml'],
      status: 2,
      err: 'test needs at least one manifest FILE',
    },
    {
      args: ['analyze', 'x.yaml', '--url', 'http://h/'],
      status: 2,
      err: 'analyze does not take --url',
    },
    { args: ['trace', 'x.yaml', '--bogus'], status: 2, err: "Unknown option '--bogus'" },
  ])('given $args, then status $status', async ({ args, status, out, err }) => {
    const result = await sailplan(...args);
    expect(result.status).toBe(status);
    if (out !== undefined) expect(result.out).toContain(out);
    if (err !== undefined) expect(result.err).toContain(err);
  });

  it('given the launcher, then `node bin/sailplan.mjs --help` runs the TypeScript CLI without a build', async () => {
    const launcher = fileURLToPath(new URL('../../bin/sailplan.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [launcher, '--help']);
    expect(stdout).toContain('sailplan test FILE... --tests TESTS.yaml');
  }, 60_000);
});
