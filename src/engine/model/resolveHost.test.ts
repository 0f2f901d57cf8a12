import { describe, expect, it } from 'vitest';
import {
  hostMatches,
  hostSubsetOf,
  intersectHosts,
  isIpAddress,
  resolveHost,
  serviceFqdn,
} from './resolveHost';

describe('resolveHost (routing-semantics §2.1)', () => {
  it.each([
    { host: 'web', namespace: 'default', resolved: 'web.default.svc.cluster.local' },
    { host: 'cart', namespace: 'shop', resolved: 'cart.shop.svc.cluster.local' },
    { host: 'reviews.prod', namespace: 'default', resolved: 'reviews.prod' },
    { host: 'api.example.com', namespace: 'default', resolved: 'api.example.com' },
    {
      host: 'web.default.svc.cluster.local',
      namespace: 'shop',
      resolved: 'web.default.svc.cluster.local',
    },
    { host: '*', namespace: 'default', resolved: '*' },
    { host: '*.example.com', namespace: 'default', resolved: '*.example.com' },
    { host: '10.0.0.1', namespace: 'default', resolved: '10.0.0.1' },
    { host: '::1', namespace: 'default', resolved: '::1' },
    { host: '2001:db8::7', namespace: 'default', resolved: '2001:db8::7' },
    { host: '', namespace: 'default', resolved: '' },
  ])('given $host in $namespace, then $resolved', ({ host, namespace, resolved }) => {
    expect(resolveHost(host, namespace)).toBe(resolved);
  });

  it('given a name and namespace, then serviceFqdn builds the in-mesh name', () => {
    expect(serviceFqdn('web', 'default')).toBe('web.default.svc.cluster.local');
  });

  it.each([
    { host: '10.0.0.1', ip: true },
    { host: '256.0.0.1', ip: false },
    { host: '10.0.0', ip: false },
    { host: 'fe80::1:2', ip: true },
    { host: '1:2:3:4:5:6:7:8', ip: true },
    { host: '1:2:3:4:5:6:7', ip: false },
    { host: '::ffff:10.0.0.1', ip: true },
    { host: 'a::b::c', ip: false },
    { host: '1:2:3:4:5:6:7::', ip: true },
    { host: '1:2:3:4:5:6:7:8::', ip: false },
    { host: '1::2:', ip: false },
    { host: '1.2.3.4::', ip: false },
    { host: '010.0.0.1', ip: false },
    { host: 'fe80::1%eth0', ip: true },
    { host: 'fe80::1%', ip: false },
    { host: '10.0.0.1%eth0', ip: false },
    { host: 'web', ip: false },
  ])('given $host, then isIpAddress is $ip', ({ host, ip }) => {
    expect(isIpAddress(host)).toBe(ip);
  });
});

describe('host matching (routing-semantics §2.4, §2.11)', () => {
  it.each([
    { a: 'foo.com', b: 'foo.com', subset: true, matches: true },
    { a: 'foo.com', b: 'bar.com', subset: false, matches: false },
    { a: 'foo.com', b: '*.com', subset: true, matches: true },
    { a: '*.com', b: 'foo.com', subset: false, matches: true },
    { a: 'foo.com', b: '*.foo.com', subset: false, matches: false },
    { a: '*.foo.com', b: 'foo.com', subset: false, matches: false },
    { a: 'a.b.foo.com', b: '*.foo.com', subset: true, matches: true },
    { a: '*.a.foo.com', b: '*.foo.com', subset: true, matches: true },
    { a: '*.foo.com', b: '*.a.foo.com', subset: false, matches: true },
    { a: 'anything', b: '*', subset: true, matches: true },
    { a: '*', b: '*.com', subset: false, matches: true },
    { a: '*', b: '*', subset: true, matches: true },
    { a: 'Foo.com', b: 'foo.com', subset: false, matches: false },
  ])('given $a and $b, then subset $subset, matches $matches', ({ a, b, subset, matches }) => {
    expect(hostSubsetOf(a, b)).toBe(subset);
    expect(hostMatches(a, b)).toBe(matches);
    expect(hostMatches(b, a)).toBe(matches);
  });

  it.each([
    { server: ['*.example.com'], virtualService: ['*'], common: ['*.example.com'] },
    { server: ['*'], virtualService: ['shop.example.com'], common: ['shop.example.com'] },
    { server: ['*.example.com'], virtualService: ['example.com'], common: [] },
    {
      server: ['*.example.com'],
      virtualService: ['a.example.com', 'b.other.com'],
      common: ['a.example.com'],
    },
    {
      server: ['a.example.com', '*.example.com'],
      virtualService: ['a.example.com'],
      common: ['a.example.com'],
    },
    { server: ['*', '*.example.com'], virtualService: ['*'], common: ['*', '*.example.com'] },
    {
      server: ['*.example.com'],
      virtualService: ['*.shop.example.com'],
      common: ['*.shop.example.com'],
    },
  ])(
    'given server $server and VirtualService $virtualService, then common is $common',
    ({ server, virtualService, common }) => {
      expect(intersectHosts(server, virtualService)).toEqual(common);
    },
  );
});
