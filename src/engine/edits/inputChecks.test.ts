import { describe, expect, it } from 'vitest';
import * as engine from '../index';
import {
  validateNamespaceName,
  validatePercentage,
  validateResourceName,
  validateSubsetName,
  validateWeight,
} from './inputChecks';

describe('input checks', () => {
  it('accepts Kubernetes names and refuses what the API server refuses', () => {
    expect(validateResourceName('reviews.v2')).toBeUndefined();
    expect(validateResourceName('Reviews')).toMatch(/lowercase RFC 1123 subdomain/);
    expect(validateResourceName('-reviews')).toMatch(/start and end with an alphanumeric/);
    expect(validateResourceName('a'.repeat(254))).toBe('must be no more than 253 characters');
    expect(validateNamespaceName('book-info')).toBeUndefined();
    expect(validateNamespaceName('book.info')).toMatch(/lowercase RFC 1123 label/);
  });

  it('checks subset names, percentages and weights in Istio’s words', () => {
    expect(validateSubsetName('v2')).toBeUndefined();
    expect(validateSubsetName('v_2')).toBe('subset name is invalid: v_2');
    expect(validatePercentage(0.5)).toBeUndefined();
    expect(validatePercentage(100)).toBeUndefined();
    expect(validatePercentage(101)).toBe('percentage 101 is not in range 0..100');
    expect(validatePercentage(-1)).toBe('percentage -1 is not in range 0..100');
    expect(validateWeight(0)).toBeUndefined();
    expect(validateWeight(-5)).toBe('weight -5 < 0');
    expect(validateWeight(2.5)).toBe('weight 2.5 is not a whole number');
  });

  it('gives the inspector the webhook’s checks of subnets, server hosts and header operations', () => {
    // Through the engine's index, as the UI imports them.
    expect(engine.validateIpSubnet('10.0.0.0/8')).toBeUndefined();
    expect(engine.validateIpSubnet('2001:db8::1')).toBeUndefined();
    expect(engine.validateIpSubnet('10.0.0.0/33')).toBe('10.0.0.0/33 is not a valid CIDR block');
    expect(engine.validateIpSubnet('orders-db')).toBe('orders-db is not a valid IP');
    expect(engine.validateServerHost('shop/shop.example.com')).toEqual([]);
    expect(engine.validateServerHost('*/*.example.com')).toEqual([]);
    expect(engine.validateServerHost('./shop.example.com')).toEqual([]);
    expect(engine.validateServerHost('sh_op/shop.example.com')).toEqual([
      'invalid namespace value "sh_op" in gateway',
    ]);
    expect(engine.validateServerHost('shop/web')).toEqual([
      'short names (non FQDN) are not allowed',
    ]);
    expect(engine.validateServerHost('/shop.example.com')).toContain(
      'config namespace and dnsName in host entry cannot be empty',
    );
    expect(engine.validateRequestHeaderSetName(':authority')).toBeUndefined();
    expect(engine.validateRequestHeaderSetName(':path')).toBe(
      'invalid header ":path": header cannot have ":" prefix',
    );
    expect(engine.validateHeaderOperationName('Host')).toBe(
      'invalid header "Host": cannot set Host header',
    );
    expect(engine.validateHeaderValue('%UPSTREAM_CLUSTER%')).toBeUndefined();
    expect(engine.validateHeaderValue('a\nb')).toMatch(/^header value configuration/);
  });
});
