import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildTopology,
  loadDesign,
  parseRouteTests,
  runRouteTests,
  simulate,
  type Request,
} from '../../engine';
import { ruleCoverage } from './coverage';
import {
  appendRouteTests,
  entriesOf,
  expectationOf,
  removeRouteTest,
  suggestedTestName,
  testRequestOf,
  uniqueTestName,
} from './testsFile';

function example(name: string): string {
  return readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
}

function traceOf(design: string, request: Request) {
  return simulate(loadDesign([{ name: 'design.yaml', text: design }]), request);
}

const jason: Request = {
  url: 'http://reviews:9080/reviews/0',
  headers: [['end-user', 'jason']],
  from: { namespace: 'bookinfo', labels: { app: 'productpage', version: 'v1' } },
};

describe('a test saved from a trace', () => {
  it('writes the request and what it ended in, and passes against the same design', () => {
    // given jason's request through the header-routing design
    const design = example('header-routing-subsets.yaml');
    const trace = traceOf(design, jason);
    // when it is written as a test into an empty file
    const edit = appendRouteTests('', [
      { name: 'jason', request: testRequestOf(jason), expect: expectationOf(trace) },
    ]);
    if (!edit.ok) throw new Error(edit.reason);
    // then the file says it in route-tests.md's words
    expect(edit.text).toBe(`tests:
- name: jason
  request:
    url: http://reviews:9080/reviews/0
    headers:
      end-user: jason
    from:
      namespace: bookinfo
      labels:
        app: productpage
        version: v1
  expect:
    virtualService: bookinfo/reviews
    route: jason-sees-v2
    destination:
      host: reviews.bookinfo.svc.cluster.local
      port: 9080
      subset: v2
`);
    // and it parses and passes
    const parsed = parseRouteTests(edit.text, 'tests.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const [result] = runRouteTests(
      loadDesign([{ name: 'design.yaml', text: design }]),
      parsed.tests,
    );
    expect(result?.passed).toBe(true);
  });

  it('expects a 404 with its status and flag, and a split with every destination', () => {
    const notFound = expectationOf(
      traceOf(example('header-routing-subsets.yaml'), { url: 'http://bookinfo.example.com/x' }),
    );
    expect(notFound).toEqual({ gateway: 'bookinfo/bookinfo-gateway', status: 404, flag: 'NR' });
    const split = expectationOf(
      traceOf(example('canary-split.yaml'), { url: 'http://shop.example.com/cart' }),
    );
    expect(split.destinations).toEqual([
      { host: 'storefront.shop.svc.cluster.local', port: 80, subset: 'stable', weight: 90 },
      { host: 'storefront.shop.svc.cluster.local', port: 80, subset: 'canary', weight: 10 },
    ]);
    expect(split.route).toBe('split');
  });

  it('is named after the request and its outcome, uniquely', () => {
    const trace = traceOf(example('seed-ingress.yaml'), { url: 'http://example.com/' });
    expect(suggestedTestName(trace)).toBe('GET example.com/ reaches proxy');
    expect(uniqueTestName('a', ['a', 'a (2)'])).toBe('a (3)');
  });
});

describe('editing a tests file', () => {
  const written = `# Route tests for the shop.
tests:
  - name: first
    request: {url: 'http://a/'}   # quoted on purpose
    expect: {status: 404}
  - name: second
    request: {url: 'http://b/'}
    expect: {status: 404}
`;

  it('appends at the list indentation and leaves the rest of the text as written', () => {
    const edit = appendRouteTests(written, [
      { name: 'third', request: { url: 'http://c/' }, expect: { status: 404 } },
    ]);
    expect(edit).toEqual({
      ok: true,
      text: `${written}  - name: third
    request:
      url: http://c/
    expect:
      status: 404
`,
    });
  });

  it('removes one test by its lines', () => {
    expect(removeRouteTest(written, 0)).toEqual({
      ok: true,
      text: written.replace(
        "  - name: first\n    request: {url: 'http://a/'}   # quoted on purpose\n    expect: {status: 404}\n",
        '',
      ),
    });
  });

  it('leaves an empty list, comments kept, when the last test is removed', () => {
    const one =
      '# Route tests for the shop.\ntests:\n- name: only\n  request: {url: http://a/}\n  expect: {status: 404}\n';
    expect(removeRouteTest(one, 0)).toEqual({
      ok: true,
      text: '# Route tests for the shop.\ntests: []\n',
    });
  });

  it('refuses to edit a file whose YAML does not parse', () => {
    expect(appendRouteTests('tests: [', [])).toEqual({
      ok: false,
      reason: 'the tests file has YAML errors: fix them first',
    });
  });

  it('renames imported tests whose names are taken', () => {
    const parsed = parseRouteTests(written, 'other.yaml');
    if (!parsed.ok) throw new Error('parses');
    expect(entriesOf(parsed.tests, ['first']).map((entry) => entry.name)).toEqual([
      'first (2)',
      'second',
    ]);
  });
});

describe('rule coverage', () => {
  it('lists the rules no test reaches', () => {
    const design = loadDesign([
      { name: 'design.yaml', text: example('header-routing-subsets.yaml') },
    ]);
    const parsed = parseRouteTests(example('header-routing-subsets.tests.yaml'), 'tests.yaml');
    if (!parsed.ok) throw new Error('parses');
    const jasonOnly = parsed.tests.filter((test) => test.name === 'jason sees reviews v2');
    const coverage = ruleCoverage(buildTopology(design.model), runRouteTests(design, jasonOnly));
    expect(coverage.reached.map((rule) => rule.label)).toEqual([
      'bookinfo/reviews http[0] "jason-sees-v2"',
    ]);
    expect(coverage.unreached.map((rule) => rule.label)).toEqual([
      'bookinfo/bookinfo http[0] "productpage"',
      'bookinfo/reviews http[1] "everyone-else"',
    ]);
    const all = ruleCoverage(buildTopology(design.model), runRouteTests(design, parsed.tests));
    expect(all.unreached).toEqual([]);
  });
});
