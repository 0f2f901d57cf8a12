import { describe, expect, it } from 'vitest';
import { isIpAddress } from '../../model';
import {
  validateFqdn,
  validateIpSubnet,
  validateLabels,
  validatePartialWildcard,
  validatePort,
  validateWildcardDomain,
} from './names';

describe('domain names', () => {
  it.each([
    ['reviews', undefined],
    ['reviews.default.svc.cluster.local', undefined],
    ['istio.io.', undefined],
    ['Upper.Case.com', undefined],
    ['', 'empty domain name not allowed'],
    ['a..b', 'domain name "a..b" invalid (label "" invalid)'],
    ['foo.123', 'domain name "foo.123" invalid (top level domain "123" cannot be all-numeric)'],
    ['*.example.com', 'domain name "*.example.com" invalid (label "*" invalid)'],
  ])('given %j, when checked as an FQDN, then the webhook says %j', (name, expected) => {
    expect(validateFqdn(name)).toBe(expected);
  });

  it.each([
    ['*', undefined],
    ['*.example.com', undefined],
    ['*foo.example.com', undefined],
    ['*-foo.example.com', undefined],
    // Like Istio, the message names the rest of the domain after the first label.
    ['foo.*.com', 'domain name "*.com" invalid (label "*" invalid)'],
    ['under_score.com', 'domain name "under_score.com" invalid (label "under_score" invalid)'],
  ])('given %j, when checked as a wildcard domain, then the webhook says %j', (name, expected) => {
    expect(validateWildcardDomain(name)).toBe(expected);
  });

  it('given a partial wildcard, when checked, then only "*" and "*." prefixes pass', () => {
    expect(validatePartialWildcard('*')).toBeUndefined();
    expect(validatePartialWildcard('*.example.com')).toBeUndefined();
    expect(validatePartialWildcard('*foo.example.com')).toBe(
      'partial wildcard "*foo.example.com" not allowed',
    );
  });
});

describe('addresses and ports', () => {
  it.each([
    ['10.0.0.1', true],
    ['256.0.0.1', false],
    ['010.0.0.1', false],
    ['::1', true],
    ['2001:db8::8a2e:370:7334', true],
    ['::ffff:10.0.0.1', true],
    ['1::2::3', false],
    ['example.com', false],
  ])('given %j, when read as an IP, then valid is %s', (address, valid) => {
    expect(isIpAddress(address)).toBe(valid);
  });

  it('given subnets, when checked, then CIDRs need a prefix length within range', () => {
    expect(validateIpSubnet('10.0.0.0/8')).toBeUndefined();
    expect(validateIpSubnet('2001:db8::/32')).toBeUndefined();
    expect(validateIpSubnet('10.0.0.0/33')).toBe('10.0.0.0/33 is not a valid CIDR block');
    expect(validateIpSubnet('db.example.com')).toBe('db.example.com is not a valid IP');
  });

  it('given port numbers, when checked, then 1..65535 pass', () => {
    expect(validatePort(1)).toBeUndefined();
    expect(validatePort(65535)).toBeUndefined();
    expect(validatePort(70000)).toBe('port number 70000 must be in the range 1..65535');
    expect(validatePort(0)).toBe('port number 0 must be in the range 1..65535');
  });
});

describe('label maps', () => {
  it('given valid Kubernetes labels, when checked, then there is no problem', () => {
    expect(validateLabels({ app: 'web', 'app.kubernetes.io/name': 'web', empty: '' })).toEqual([]);
  });

  it('given a bad key and a bad value, when checked, then both are reported', () => {
    expect(validateLabels({ 'bad key': 'v', version: 'v1!' })).toEqual([
      'invalid tag key: "bad key"',
      'invalid tag value: "v1!"',
    ]);
  });
});
