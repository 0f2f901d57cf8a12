import { describe, expect, it } from 'vitest';
import { documents } from '../testing/designOf';
import { documentOfResource, loadDesign, locate, partPath } from './loadDesign';

const text = documents(
  'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]',
  [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: networking.istio.io/v1',
    '  kind: VirtualService',
    '  metadata: {name: proxy, namespace: shop}',
    '  spec:',
    '    hosts: [shop.example.com]',
    '    http:',
    '    - name: first',
    '      route:',
    '      - destination: {host: web}',
  ].join('\n'),
);

describe('loadDesign and locate', () => {
  const design = loadDesign([{ name: 'design.yaml', text }]);
  const slice = (range: { start: number; end: number } | undefined) =>
    range === undefined ? undefined : text.slice(range.start, range.end);

  it.each([
    { key: 'Service/default/web', path: ['spec', 'ports', 0, 'port'], text: '80' },
    { key: 'VirtualService/shop/proxy', path: ['spec', 'hosts', 0], text: 'shop.example.com' },
    {
      key: 'VirtualService/shop/proxy',
      path: ['spec', 'http', 0, 'route', 0, 'destination', 'host'],
      text: 'web',
    },
    { key: 'VirtualService/shop/proxy#http/0', path: ['name'], text: 'first' },
    { key: 'VirtualService/shop/proxy', path: ['spec', 'http', 0, 'timeout'], text: 'name: first' },
  ])('given $key and $path, then the range covers "$text"', ({ key, path, text: expected }) => {
    expect(slice(locate(design, key, path, { target: 'head' }))).toBe(expected);
  });

  it('given a resource, then its document is the one that holds it, a List item’s the List', () => {
    expect(documentOfResource(design, 'Service/default/web')?.index).toBe(0);
    expect(documentOfResource(design, 'VirtualService/shop/proxy')?.text).toContain('kind: List');
    expect(documentOfResource(design, 'Service/default/nope')).toBeUndefined();
  });

  it('given an unknown resource or part, then there is no range', () => {
    expect(locate(design, 'Service/default/nope', ['spec'])).toBeUndefined();
    expect(locate(design, 'Service/default/web#bogus/0', [])).toBeUndefined();
  });

  it('given a previous design, then unchanged files are reused and changed ones re-parsed', () => {
    const other = {
      name: 'other.yaml',
      text: 'apiVersion: v1\nkind: Service\nmetadata: {name: o}\n',
    };
    const first = loadDesign([{ name: 'design.yaml', text }, other]);
    const second = loadDesign(
      [{ name: 'design.yaml', text: text.replace('port: 80', 'port: 81') }, other],
      first,
    );
    expect(second.files[1]).toBe(first.files[1]);
    expect(second.files[0]?.documents[1]).toBe(first.files[0]?.documents[1]);
    expect(second.model.services.find((service) => service.name === 'web')?.spec.ports).toEqual([
      { port: 81 },
    ]);
  });
});

describe('partPath', () => {
  it.each([
    { part: 'http/2', path: ['spec', 'http', 2] },
    { part: 'tcp/0', path: ['spec', 'tcp', 0] },
    { part: 'tls/1', path: ['spec', 'tls', 1] },
    { part: 'server/3', path: ['spec', 'servers', 3] },
    { part: 'subset/0', path: ['spec', 'subsets', 0] },
    { part: 'port/1', path: ['spec', 'ports', 1] },
    { part: 'route/x', path: undefined },
    { part: 'nope/1', path: undefined },
  ])('given part $part, then the path is $path', ({ part, path }) => {
    expect(partPath(part)).toEqual(path);
  });
});
