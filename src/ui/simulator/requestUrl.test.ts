import { describe, expect, it } from 'vitest';
import { joinUrl, splitUrl } from './requestUrl';

describe('the request URL parts', () => {
  it('splits a URL into scheme, host, port, path and query, and joins them back', () => {
    const parts = splitUrl('https://Shop.example.com:8443/cart/items?id=7&x=1');
    expect(parts).toEqual({
      scheme: 'https',
      host: 'Shop.example.com',
      port: '8443',
      path: '/cart/items',
      query: 'id=7&x=1',
    });
    expect(joinUrl(parts)).toBe('https://Shop.example.com:8443/cart/items?id=7&x=1');
  });

  it('reads a half-typed URL as an http URL, and a bare host as the root path', () => {
    expect(splitUrl('example.com')).toEqual({
      scheme: 'http',
      host: 'example.com',
      port: '',
      path: '/',
      query: '',
    });
    expect(joinUrl({ ...splitUrl('example.com'), port: '8080' })).toBe('http://example.com:8080/');
  });

  it('keeps an IPv6 host in brackets apart from its port', () => {
    expect(splitUrl('http://[::1]:8080/')).toMatchObject({ host: '[::1]', port: '8080' });
  });
});
