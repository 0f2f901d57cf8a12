import { describe, expect, it } from 'vitest';
import { normalizePath, parseRequest, stripPort } from './request';

describe('parseRequest', () => {
  it('given a plain URL, then defaults fill in GET, port 80 and ingress', () => {
    const result = parseRequest({ url: 'http://Shop.Example.com/cart?id=7' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request).toMatchObject({
      scheme: 'http',
      method: 'GET',
      port: 80,
      host: 'shop.example.com',
      authority: 'Shop.Example.com',
      path: '/cart',
      query: '?id=7',
      pathWithQuery: '/cart?id=7',
      from: 'ingress',
      sni: undefined,
    });
  });

  it.each([
    { url: 'https://a.example.com/', port: 443, sni: 'a.example.com' },
    { url: 'https://a.example.com:8443/x', port: 8443, sni: 'a.example.com' },
    { url: 'tls://10.0.0.1:443', port: 443, sni: undefined },
    { url: 'tcp://lb:31400', port: 31400, sni: undefined },
  ])('given $url, then port $port and SNI $sni', ({ url, port, sni }) => {
    const result = parseRequest({ url });
    expect(result.ok && result.request.port).toBe(port);
    expect(result.ok && result.request.sni).toBe(sni);
  });

  it('given a host header, then it replaces the Host but not the SNI (curl semantics)', () => {
    const result = parseRequest({
      url: 'https://a.example.com/',
      headers: { Host: 'b.example.com' },
    });
    expect(result.ok && result.request.authority).toBe('b.example.com');
    expect(result.ok && result.request.sni).toBe('a.example.com');
  });

  it('given an explicit port, then it wins over the URL port while the Host keeps its port', () => {
    const result = parseRequest({ url: 'http://API.Example.COM:8080/', port: 80 });
    expect(result.ok && result.request.port).toBe(80);
    expect(result.ok && result.request.authority).toBe('API.Example.COM:8080');
  });

  it('given repeated headers and query keys, then headers join with , and the first query value counts', () => {
    const result = parseRequest({
      url: 'http://x/?version=1&version=2&q=a%20b',
      headers: [
        ['X-Trace', 'a'],
        ['x-trace', 'b'],
      ],
    });
    expect(result.ok && result.request.headers.get('x-trace')).toBe('a,b');
    expect(result.ok && result.request.queryParams.get('version')).toBe('1');
    expect(result.ok && result.request.queryParams.get('q')).toBe('a b');
  });

  it.each([
    { url: 'shop.example.com/', error: 'is not of the form' },
    { url: 'ftp://x/', error: 'scheme "ftp"' },
    { url: 'http://x:99999/', error: 'range 1..65535' },
    { url: 'tcp://x', error: 'needs a port' },
  ])('given $url, then it is refused ($error)', ({ url, error }) => {
    const result = parseRequest({ url });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(error);
  });
});

describe('normalizePath', () => {
  it.each([
    ['/a/../b', '/b'],
    ['/a/./b', '/a/b'],
    ['/a/..', '/'],
    ['/..', '/'],
    ['/plain/path', '/plain/path'],
    ['/.hidden', '/.hidden'],
  ])('given %s, then %s', (input, output) => {
    expect(normalizePath(input)).toBe(output);
  });
});

describe('stripPort', () => {
  it.each([
    ['api.example.com:8080', 'api.example.com'],
    ['api.example.com', 'api.example.com'],
    ['[::1]:80', '[::1]'],
  ])('given %s, then %s', (input, output) => {
    expect(stripPort(input)).toBe(output);
  });
});
