import { describe, expect, it } from 'vitest';
import { parseFile } from './parseFile';
import { rangeAt } from './rangeAt';

const text = [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: a}',
  '---',
  'kind: VirtualService',
  'metadata:',
  '  name: proxy',
  'base: &defaults',
  '  timeout: 5s',
  'spec:',
  '  hosts: ["a.example.com", b]   # hosts',
  '  http:',
  '  - name: first',
  '    route:',
  '    - destination:',
  '        host: web',
  '      weight: 90',
  '  - <<: *defaults',
  '    retries:',
  '',
].join('\r\n');

const file = parseFile({ name: 'design.yaml', text });
const slice = (path: (string | number)[], target?: 'node' | 'head') => {
  const range = rangeAt(file, 1, path, target === undefined ? {} : { target });
  return range === undefined ? undefined : text.slice(range.start, range.end);
};

describe('rangeAt', () => {
  it.each([
    { path: ['spec', 'http', 0, 'route', 0, 'destination', 'host'], node: 'web', head: 'web' },
    { path: ['spec', 'hosts', 1], node: 'b', head: 'b' },
    { path: ['spec', 'hosts'], node: '["a.example.com", b]', head: 'hosts: ["a.example.com", b]' },
    { path: ['spec', 'http'], node: undefined, head: 'http:' },
    { path: ['spec', 'http', 0], node: undefined, head: 'name: first' },
    {
      name: 'a missing field points at its parent key',
      path: ['spec', 'http', 0, 'timeout'],
      head: 'name: first',
    },
    {
      name: 'a missing item points at the list key',
      path: ['spec', 'http', 5, 'route'],
      head: 'http:',
    },
    { name: 'a key without a value', path: ['spec', 'http', 1, 'retries'], head: 'retries' },
    { name: 'a field through a merge key', path: ['spec', 'http', 1, 'timeout'], head: '5s' },
    { name: 'a path through a scalar stops at it', path: ['metadata', 'name', 'x'], head: 'proxy' },
  ])('given $path, then the head range is $head', ({ path, node, head }) => {
    expect(slice(path, 'head')).toBe(head);
    if (node !== undefined) expect(slice(path)).toBe(node);
  });

  it('given a block value, then the node range spans it without the trailing line break', () => {
    expect(slice(['spec', 'http', 0, 'route', 0])).toBe(
      'destination:\r\n        host: web\r\n      weight: 90',
    );
  });

  it('given a range, then its line and column are 1-based file positions', () => {
    const range = rangeAt(file, 1, ['spec', 'http', 0, 'route', 0, 'destination', 'host']);
    expect(range).toMatchObject({
      file: 'design.yaml',
      line: 16,
      column: 15,
      endLine: 16,
      endColumn: 18,
    });
  });

  it('given a document index that does not exist, then there is no range', () => {
    expect(rangeAt(file, 7, ['spec'])).toBeUndefined();
  });
});
