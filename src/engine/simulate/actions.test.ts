import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type {
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPRedirect,
  HTTPRewrite,
  HTTPRouteDestination,
} from '../model';
import {
  applyRewrite,
  authorityFromHeaderOperations,
  computeRedirect,
  pickShare,
  splitByWeight,
  summarizeFault,
} from './actions';
import type { Request } from './request';
import { parseRequest } from './request';

function request(input: Request) {
  const result = parseRequest(input);
  if (!result.ok) throw new Error(result.error);
  return result.request;
}

function yaml<T>(text: string): T {
  return parse(text) as T;
}

describe('applyRewrite', () => {
  it.each([
    {
      match: 'uri: {prefix: /api/}',
      rewrite: 'uri: /',
      url: 'http://h/api/users?x=1',
      path: '/users?x=1',
    },
    {
      match: 'uri: {prefix: /legacy}',
      rewrite: 'uri: /',
      url: 'http://h/legacy/users',
      path: '//users',
    },
    { match: 'uri: {prefix: /legacy}', rewrite: 'uri: /', url: 'http://h/legacy', path: '/' },
    {
      match: 'headers: {x-v2: {exact: "1"}}',
      rewrite: 'uri: /v2',
      url: 'http://h/items',
      path: '/v2items',
    },
    {
      match: 'uri: {exact: /old}',
      rewrite: 'uri: /new',
      url: 'http://h/old?a=1',
      path: '/new?a=1',
    },
    {
      match: 'uri: {regex: "/r/[a-z]+"}',
      rewrite: 'uri: /fixed',
      url: 'http://h/r/abc?z=9',
      path: '/fixed?z=9',
    },
    {
      match: 'uri: {prefix: /service/}',
      rewrite: "uriRegexRewrite: {match: '^/service/([^/]+)(/.*)$', rewrite: '\\2/instance/\\1'}",
      url: 'http://h/service/foo/v1/api?q=1',
      path: '/v1/api/instance/foo?q=1',
    },
  ])(
    'given match $match and rewrite $rewrite, when $url, then the upstream path is $path',
    ({ match, rewrite, url, path }) => {
      const result = applyRewrite(
        yaml<HTTPRewrite>(rewrite),
        yaml<HTTPMatchRequest>(match),
        request({ url }),
        undefined,
      );
      expect(result.path).toBe(path);
      expect(result.notes).toHaveLength(1);
    },
  );

  it('given an authority rewrite, then only the Host changes', () => {
    const result = applyRewrite(
      { authority: 'modern.internal' },
      undefined,
      request({ url: 'http://shop.example.com/x' }),
      undefined,
    );
    expect(result).toMatchObject({ path: '/x', authority: 'modern.internal' });
  });

  it('given no rewrite but a host set by header operations, then that authority is sent', () => {
    const authority = authorityFromHeaderOperations(
      yaml('request: {set: {Host: a.internal}, add: {host: b.internal}}'),
    );
    expect(authority).toBe('a.internal');
    const result = applyRewrite(undefined, undefined, request({ url: 'http://shop/x' }), authority);
    expect(result.authority).toBe('a.internal');
  });
});

describe('computeRedirect', () => {
  it.each([
    {
      redirect: 'uri: /new-page',
      match: 'uri: {exact: /old-page}',
      url: 'http://shop.example.com/old-page?x=1',
      then: [301, 'http://shop.example.com/new-page?x=1'],
    },
    {
      redirect: '{uri: "/n?y=2"}',
      match: 'uri: {exact: /o}',
      url: 'http://s/o?x=1',
      then: [301, 'http://s/n?y=2'],
    },
    {
      redirect: '{authority: blog.example.com, redirectCode: 302}',
      match: 'uri: {prefix: /blog}',
      url: 'http://shop.example.com/blog/post',
      then: [302, 'http://blog.example.com/blog/post'],
    },
    {
      redirect: '{uri: /p, redirectCode: 308}',
      match: 'uri: {prefix: /perm}',
      url: 'http://shop.example.com/perm/a/b',
      then: [308, 'http://shop.example.com/p'],
    },
    {
      redirect: '{authority: foo.example.com, prefixRewrite: /}',
      match: 'uri: {prefix: /foo/}',
      url: 'http://shop.example.com/foo/bar',
      then: [301, 'http://foo.example.com/bar'],
    },
    {
      redirect: '{scheme: https, port: 443}',
      match: 'uri: {prefix: /secure}',
      url: 'http://shop.example.com/secure/x',
      then: [301, 'https://shop.example.com/secure/x'],
    },
    {
      redirect: '{port: 8443}',
      match: 'uri: {prefix: /alt}',
      url: 'http://shop.example.com/alt',
      then: [301, 'http://shop.example.com:8443/alt'],
    },
    {
      redirect: '{scheme: https, derivePort: FROM_PROTOCOL_DEFAULT}',
      match: 'uri: {prefix: /proto}',
      url: 'http://shop.example.com/proto',
      then: [301, 'https://shop.example.com/proto'],
    },
    {
      redirect: '{scheme: https, derivePort: FROM_REQUEST_PORT}',
      match: 'uri: {prefix: /same}',
      url: 'http://shop.example.com/same',
      then: [301, 'https://shop.example.com:80/same'],
    },
    {
      redirect: '{scheme: https}',
      match: 'port: 80',
      url: 'http://shop.example.com:80/items',
      then: [301, 'https://shop.example.com/items'],
    },
    {
      redirect: '{port: 9000}',
      match: 'uri: {prefix: /}',
      url: 'http://shop.example.com:8080/a',
      then: [301, 'http://shop.example.com:9000/a'],
    },
  ])('given redirect $redirect, when $url, then $then', ({ redirect, match, url, then }) => {
    const result = computeRedirect(
      yaml<HTTPRedirect>(redirect),
      yaml<HTTPMatchRequest>(match),
      request({ url }),
      80,
      false,
    );
    expect([result.status, result.location]).toEqual(then);
  });
});

describe('splitByWeight', () => {
  const destinations = (text: string) => yaml<HTTPRouteDestination[]>(text);

  it.each([
    { given: '[{destination: {host: a}, weight: 30}]', then: [100] },
    {
      given: '[{destination: {host: a}, weight: 90}, {destination: {host: b}, weight: 10}]',
      then: [90, 10],
    },
    {
      given: '[{destination: {host: a}, weight: 1}, {destination: {host: b}, weight: 3}]',
      then: [25, 75],
    },
    {
      given: '[{destination: {host: a}, weight: 0}, {destination: {host: b}, weight: 50}]',
      then: [100],
    },
    {
      given: '[{destination: {host: a}, weight: 30}, {destination: {host: b}, weight: 40}]',
      then: [42.857, 57.143],
    },
  ])('given $given, then the shares are $then', ({ given, then }) => {
    const shares = splitByWeight(destinations(given)).shares.map((share) => share.percent);
    expect(shares).toHaveLength(then.length);
    shares.forEach((percent, index) => expect(percent).toBeCloseTo(then[index] ?? NaN, 3));
  });

  it('given a zero weight in a split, then it is dropped with a reason', () => {
    const result = splitByWeight(
      destinations('[{destination: {host: a}, weight: 0}, {destination: {host: b}, weight: 50}]'),
    );
    expect(result.dropped).toEqual([{ index: 0, reason: 'weight 0: dropped from a split of 2' }]);
    expect(result.shares[0]?.index).toBe(1);
  });

  it('given a draw, then the destination whose cumulative share covers it is picked', () => {
    const { shares } = splitByWeight(
      destinations('[{destination: {host: a}, weight: 1}, {destination: {host: b}, weight: 3}]'),
    );
    expect(pickShare(shares, 0.1)?.destination.destination?.host).toBe('a');
    expect(pickShare(shares, 0.25)?.destination.destination?.host).toBe('b');
    expect(pickShare(shares, 0.99)?.destination.destination?.host).toBe('b');
  });
});

describe('summarizeFault', () => {
  it.each([
    {
      given: 'abort: {httpStatus: 418, percentage: {value: 100}}',
      then: { abortPercent: 100, abortStatus: 418, delayPercent: 0 },
    },
    { given: 'abort: {httpStatus: 500}', then: { abortPercent: 0, abortStatus: 500 } },
    {
      given: 'delay: {fixedDelay: 2s, percentage: {value: 100}}',
      then: { delayPercent: 100, delay: '2s', abortPercent: 0 },
    },
    { given: 'delay: {fixedDelay: 2s, percent: 30}', then: { delayPercent: 30 } },
    { given: 'delay: {exponentialDelay: 2s, percentage: {value: 100}}', then: { delayPercent: 0 } },
    {
      given: 'abort: {grpcStatus: UNAVAILABLE, percentage: {value: 0.00001}}',
      then: { abortPercent: 0, abortGrpcStatus: 'UNAVAILABLE' },
    },
  ])('given $given, then $then', ({ given, then }) => {
    expect(summarizeFault(yaml<HTTPFaultInjection>(given))).toMatchObject(then);
  });
});
