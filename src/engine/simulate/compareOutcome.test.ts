import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compareOutcome } from './compareOutcome';
import type { Expectation } from './routeTests';
import type { Outcome, Trace } from './trace';
import { EMPTY_OUTCOME } from './trace';

function trace(outcome: Partial<Outcome>, rule: Trace['rule'] = null): Trace {
  return {
    request: {
      method: 'GET',
      url: 'http://h/',
      from: 'ingress',
      source: 'ingress',
      headers: [],
      port: 80,
      authority: 'h',
      sni: null,
    },
    steps: [],
    outcome: { ...EMPTY_OUTCOME, ...outcome },
    ending: 'upstream',
    summary: '',
    rule,
    nodes: [],
  };
}

const web = { host: 'web.default.svc.cluster.local', port: 80, subset: null };
const split = [
  { host: 'reviews.default.svc.cluster.local', port: 9080, subset: 'v1', weight: 75 },
  { host: 'reviews.default.svc.cluster.local', port: 9080, subset: 'v2', weight: 25 },
];

describe('compareOutcome', () => {
  it.each([
    { expect: 'virtualService: null', outcome: {}, differs: [] },
    { expect: 'virtualService: default/web', outcome: {}, differs: ['virtualService'] },
    {
      expect: 'destination: {host: WEB.default.svc.cluster.local}',
      outcome: { destination: web, destinations: [{ ...web, weight: 100 }] },
      differs: [],
    },
    {
      expect: 'destination: {host: web.default.svc.cluster.local, subset: v1}',
      outcome: { destination: web },
      differs: ['destination'],
    },
    {
      expect: 'destination: {host: web.default.svc.cluster.local, subset: null, port: 8080}',
      outcome: { destination: web },
      differs: ['destination'],
    },
    { expect: 'destination: null', outcome: { destinations: split }, differs: [] },
    {
      expect:
        'destinations: [{host: reviews.default.svc.cluster.local, subset: v2, weight: 25.004}, {host: reviews.default.svc.cluster.local, subset: v1, weight: 75}]',
      outcome: { destinations: split },
      differs: [],
    },
    {
      expect:
        'destinations: [{host: reviews.default.svc.cluster.local, subset: v2, weight: 25.02}, {host: reviews.default.svc.cluster.local, subset: v1, weight: 75}]',
      outcome: { destinations: split },
      differs: ['destinations'],
    },
    {
      expect: 'destinations: [{host: reviews.default.svc.cluster.local, weight: 75}]',
      outcome: { destinations: split },
      differs: ['destinations'],
    },
    {
      expect: 'redirect: {status: 301}',
      outcome: { redirect: { status: 301, location: 'https://h/' } },
      differs: [],
    },
    {
      expect: 'redirect: {location: "https://x/"}',
      outcome: { redirect: { status: 301, location: 'https://h/' } },
      differs: ['redirect'],
    },
    {
      expect: 'directResponse: {status: 200, body: ""}',
      outcome: { directResponse: { status: 200, body: '' } },
      differs: [],
    },
    {
      expect: '{status: 404, flag: NR}',
      outcome: { status: 404, flag: 'NR' as const },
      differs: [],
    },
    {
      expect: '{status: null, flag: NR, path: /x, authority: h}',
      outcome: { status: 503, flag: 'NC' as const, path: '/y', authority: 'h' },
      differs: ['status', 'flag', 'path'],
    },
  ])(
    'given expect $expect, then the differing keys are $differs',
    ({ expect: expectation, outcome, differs }) => {
      const differences = compareOutcome(parse(expectation) as Expectation, trace(outcome));
      expect(differences.map((difference) => difference.key)).toEqual(differs);
    },
  );

  it.each([
    { route: 2, differs: false },
    { route: 'canary', differs: false },
    { route: 1, differs: true },
    { route: 'other', differs: true },
    { route: null, differs: true },
  ])(
    'given route $route against rule 2 named canary, then it differs: $differs',
    ({ route, differs }) => {
      const rule = {
        virtualService: 'default/web',
        section: 'http' as const,
        index: 2,
        name: 'canary',
        routeName: 'canary',
      };
      expect(compareOutcome({ route }, trace({}, rule)).length > 0).toBe(differs);
    },
  );

  it('given a failing destination, then the difference shows both sides', () => {
    const [difference] = compareOutcome(
      parse('destination: {host: api.default.svc.cluster.local, port: 8080}') as Expectation,
      trace({ destinations: split }),
    );
    expect(difference).toEqual({
      key: 'destination',
      expected: 'api.default.svc.cluster.local port 8080',
      actual:
        'a split: reviews.default.svc.cluster.local port 9080 subset v1 75%, reviews.default.svc.cluster.local port 9080 subset v2 25%',
    });
  });
});
