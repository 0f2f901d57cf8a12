import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { HTTPMatchRequest } from '../model';
import { evaluateMatch, isCatchAllMatch, matchedPathPrefix } from './match';
import type { Request } from './request';
import { parseRequest } from './request';

function request(input: Request) {
  const result = parseRequest(input);
  if (!result.ok) throw new Error(result.error);
  return result.request;
}

function match(yaml: string): HTTPMatchRequest {
  return parse(yaml) as HTTPMatchRequest;
}

describe('evaluateMatch', () => {
  it.each<{ given: string; when: Request; then: string | null }>([
    // uri
    { given: 'uri: {prefix: /api}', when: { url: 'http://h/apiary' }, then: null },
    {
      given: 'uri: {prefix: /api}',
      when: { url: 'http://h/ap' },
      then: 'uri: wanted prefix "/api", got "/ap"',
    },
    { given: 'uri: {exact: /login}', when: { url: 'http://h/login?next=/home' }, then: null },
    {
      given: 'uri: {exact: /login}',
      when: { url: 'http://h/login/' },
      then: 'uri: wanted exact "/login", got "/login/"',
    },
    { given: 'uri: {regex: "/users/[0-9]+"}', when: { url: 'http://h/users/42?x=1' }, then: null },
    {
      given: 'uri: {regex: "/users/[0-9]+"}',
      when: { url: 'http://h/users/42/orders' },
      then: 'uri: wanted regex "/users/[0-9]+", got "/users/42/orders"',
    },
    {
      given: '{uri: {prefix: /Admin}, ignoreUriCase: true}',
      when: { url: 'http://h/ADMIN' },
      then: null,
    },
    {
      given: '{uri: {regex: "/Reports/.*"}, ignoreUriCase: true}',
      when: { url: 'http://h/reports/q1' },
      then: 'uri: wanted regex "/Reports/.*", got "/reports/q1"',
    },
    { given: 'uri: {prefix: /b}', when: { url: 'http://h/a/../b/c' }, then: null },
    // method, authority, scheme
    {
      given: 'method: {exact: POST}',
      when: { url: 'http://h/', method: 'GET' },
      then: 'method (:method): wanted exact "POST", got "GET"',
    },
    {
      given: 'authority: {exact: shop.example.com}',
      when: { url: 'http://shop.example.com:80/' },
      then: 'authority (:authority): wanted exact "shop.example.com", got "shop.example.com:80"',
    },
    { given: 'scheme: {exact: https}', when: { url: 'https://h/' }, then: null },
    // headers
    {
      given: 'headers: {end-user: {exact: jason}}',
      when: { url: 'http://h/', headers: { 'end-user': 'bob' } },
      then: 'header end-user: wanted exact "jason", got "bob"',
    },
    {
      given: 'headers: {x-user: {exact: alice}}',
      when: { url: 'http://h/', headers: { 'X-User': 'alice' } },
      then: null,
    },
    {
      given: 'headers: {x-user: {exact: alice}}',
      when: { url: 'http://h/' },
      then: 'header x-user: wanted exact "alice", got none',
    },
    {
      given: 'headers: {x-canary: {}}',
      when: { url: 'http://h/', headers: { 'x-canary': '' } },
      then: null,
    },
    {
      given: 'headers: {x-canary: {regex: "*"}}',
      when: { url: 'http://h/' },
      then: 'header x-canary: wanted present, got none',
    },
    {
      given: 'headers: {":method": {exact: PUT}}',
      when: { url: 'http://h/', method: 'PUT' },
      then: null,
    },
    {
      given: 'headers: {"@request.auth.claims.group": {exact: admin}}',
      when: { url: 'http://h/' },
      then: 'header @request.auth.claims.group: JWT claim routing needs a validated JWT, which the simulator does not model',
    },
    // withoutHeaders
    { given: 'withoutHeaders: {x-beta: {exact: "true"}}', when: { url: 'http://h/' }, then: null },
    {
      given: 'withoutHeaders: {x-beta: {exact: "true"}}',
      when: { url: 'http://h/', headers: { 'x-beta': 'true' } },
      then: 'without header x-beta: wanted not exact "true", got "true"',
    },
    {
      given: 'withoutHeaders: {x-beta: {}}',
      when: { url: 'http://h/', headers: { 'x-beta': '' } },
      then: 'without header x-beta: wanted absent, got ""',
    },
    {
      given: 'withoutHeaders: {x-beta: {prefix: ""}}',
      when: { url: 'http://h/' },
      then: 'without header x-beta: wanted not prefix "", got none (treated as "")',
    },
    // query
    {
      given: 'queryParams: {version: {exact: "2"}}',
      when: { url: 'http://h/x?version=1&version=2' },
      then: 'query version: wanted exact "2", got "1"',
    },
    {
      given: 'queryParams: {id: {regex: "\\\\d+"}}',
      when: { url: 'http://h/?id=123' },
      then: null,
    },
    {
      given: 'queryParams: {id: {}}',
      when: { url: 'http://h/?other=1' },
      then: 'query id: wanted present, got none',
    },
    // AND: the first failing condition is reported, uri first
    {
      given: '{uri: {prefix: /a}, headers: {x-team: {exact: blue}}}',
      when: { url: 'http://h/b' },
      then: 'uri: wanted prefix "/a", got "/b"',
    },
    {
      given: '{uri: {prefix: /a}, headers: {x-team: {exact: blue}}}',
      when: { url: 'http://h/a' },
      then: 'header x-team: wanted exact "blue", got none',
    },
  ])('given $given, when $when.url, then $then', ({ given, when, then }) => {
    const verdict = evaluateMatch(match(given), request(when));
    expect(verdict.matched ? null : verdict.reason).toBe(then);
  });

  it('given no match entry, then everything matches', () => {
    expect(evaluateMatch(undefined, request({ url: 'http://h/anything' })).matched).toBe(true);
  });

  it.each<{
    given: string;
    when: Request;
    then: { condition: unknown; path: string[]; held: number; total: number };
  }>([
    {
      given: '{uri: {prefix: /Admin}, ignoreUriCase: true, method: {exact: POST}}',
      when: { url: 'http://h/user' },
      then: {
        condition: {
          field: 'uri',
          wanted: { operator: 'prefix', value: '/Admin', ignoreCase: true },
          got: '/user',
        },
        path: ['uri'],
        held: 0,
        total: 2,
      },
    },
    {
      // every condition is counted, not only those before the first failure
      given:
        '{uri: {prefix: /a}, headers: {x-team: {exact: blue}, x-zone: {}}, queryParams: {v: {regex: "[0-9]+"}}}',
      when: { url: 'http://h/a?v=2', headers: { 'x-team': 'green', 'x-zone': 'eu' } },
      then: {
        condition: {
          field: 'header',
          name: 'x-team',
          wanted: { operator: 'exact', value: 'blue' },
          got: 'green',
        },
        path: ['headers', 'x-team'],
        held: 3,
        total: 4,
      },
    },
    {
      given: 'withoutHeaders: {x-debug: {}}',
      when: { url: 'http://h/', headers: { 'x-debug': '1' } },
      then: {
        condition: {
          field: 'withoutHeader',
          name: 'x-debug',
          wanted: { operator: 'present' },
          got: '1',
        },
        path: ['withoutHeaders', 'x-debug'],
        held: 0,
        total: 1,
      },
    },
    {
      given: 'queryParams: {id: {exact: "7"}}',
      when: { url: 'http://h/' },
      then: {
        condition: {
          field: 'queryParam',
          name: 'id',
          wanted: { operator: 'exact', value: '7' },
          got: null,
        },
        path: ['queryParams', 'id'],
        held: 0,
        total: 1,
      },
    },
    {
      given: 'headers: {"@request.auth.claims.group": {exact: admin}}',
      when: { url: 'http://h/' },
      then: {
        condition: {
          field: 'jwtClaim',
          name: '@request.auth.claims.group',
          wanted: { operator: 'exact', value: 'admin' },
          got: null,
        },
        path: ['headers', '@request.auth.claims.group'],
        held: 0,
        total: 1,
      },
    },
  ])(
    'given $given, when $when.url, then the failed condition is given as data',
    ({ given, when, then }) => {
      const verdict = evaluateMatch(match(given), request(when));
      expect(verdict.matched).toBe(false);
      if (verdict.matched) return;
      expect(verdict.condition).toEqual(then.condition);
      expect(verdict.path).toEqual(then.path);
      expect({ held: verdict.held, total: verdict.total }).toEqual({
        held: then.held,
        total: then.total,
      });
    },
  );
});

describe('isCatchAllMatch', () => {
  it.each([
    { given: undefined, then: true },
    { given: 'uri: {prefix: /}', then: true },
    { given: 'uri: {regex: ".*"}', then: true },
    { given: 'port: 80', then: true },
    { given: 'sourceLabels: {app: a}', then: true },
    { given: 'uri: {prefix: /c}', then: false },
    { given: 'method: {exact: GET}', then: false },
    { given: '{uri: {prefix: /}, headers: {x: {}}}', then: false },
    { given: 'queryParams: {a: {exact: b}}', then: false },
    { given: 'authority: {exact: a}', then: false },
  ])('given $given, then catch-all is $then', ({ given, then }) => {
    expect(isCatchAllMatch(given === undefined ? undefined : match(given))).toBe(then);
  });
});

describe('matchedPathPrefix', () => {
  it.each([
    { given: 'uri: {prefix: /api/}', path: '/api/users', then: '/api/' },
    { given: '{uri: {prefix: /API}, ignoreUriCase: true}', path: '/api/users', then: '/api' },
    { given: 'uri: {exact: /old}', path: '/old', then: '/old' },
    { given: 'uri: {regex: "/r/[a-z]+"}', path: '/r/abc', then: '/r/abc' },
    { given: 'headers: {x: {exact: "1"}}', path: '/items', then: '/' },
  ])('given $given and $path, then the matched part is $then', ({ given, path, then }) => {
    expect(matchedPathPrefix(match(given), path)).toBe(then);
  });
});
