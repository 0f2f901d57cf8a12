import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../yaml/parseFile';
import { resourceFiles, zipEntries } from './designArchive';

const seed = readFileSync(new URL('../../../examples/seed-ingress.yaml', import.meta.url), 'utf8');

const filesOf = (text: string) => resourceFiles(parseFile({ name: 'design.yaml', text }));

describe('one file per resource', () => {
  it('given the seed design, then each resource is a file named kind-namespace-name holding its exact text', () => {
    const files = filesOf(seed);
    expect(files.map((file) => file.name)).toEqual([
      'service-istio-system-istio-ingressgateway.yaml',
      'gateway-istio-system-default-gateway.yaml',
      'virtualservice-default-proxy.yaml',
      'service-default-proxy.yaml',
    ]);
    // the header comment stays with the first resource, and every file is a slice of the source
    expect(files[0]?.text.startsWith('# External traffic enters')).toBe(true);
    for (const file of files) expect(seed).toContain(file.text.trimEnd());
    // and joined again with `---` they give the source back
    expect(files.map((file) => file.text).join('---\n')).toBe(
      seed.endsWith('\n') ? seed : `${seed}\n`,
    );
  });

  it('given comments, CRLF line ends and a comment on the marker line, then they are kept', () => {
    const text =
      'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: a # the first\r\n' +
      '---\r\n# about b\r\napiVersion: v1\r\nkind: Service\r\nmetadata: {name: b, namespace: shop}\r\n' +
      '--- # c follows\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: c\r\n';
    const files = filesOf(text);
    expect(files).toEqual([
      {
        name: 'service-default-a.yaml',
        text: 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: a # the first\r\n',
      },
      {
        name: 'service-shop-b.yaml',
        text: '# about b\r\napiVersion: v1\r\nkind: Service\r\nmetadata: {name: b, namespace: shop}\r\n',
      },
      {
        name: 'service-default-c.yaml',
        text: '--- # c follows\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: c\r\n',
      },
    ]);
  });

  it('given a kind: List, then each item is a file of its own, moved to column 0', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: networking.istio.io/v1',
      '    kind: Gateway',
      '    metadata:',
      '      name: edge',
      '      namespace: istio-system',
      '    spec:',
      '      # the ingress pods',
      '      selector: {istio: ingressgateway}',
      '  - {apiVersion: v1, kind: Namespace, metadata: {name: shop}}',
      '',
    ].join('\n');
    expect(filesOf(text)).toEqual([
      {
        name: 'gateway-istio-system-edge.yaml',
        text: [
          'apiVersion: networking.istio.io/v1',
          'kind: Gateway',
          'metadata:',
          '  name: edge',
          '  namespace: istio-system',
          'spec:',
          '  # the ingress pods',
          '  selector: {istio: ingressgateway}',
          '',
        ].join('\n'),
      },
      {
        name: 'namespace-shop.yaml',
        text: '{apiVersion: v1, kind: Namespace, metadata: {name: shop}}\n',
      },
    ]);
  });

  it('given duplicate names, hostile names and documents without a resource, then names are unique and safe and nothing is left out', () => {
    const text = [
      'kind: Service\nmetadata: {name: web}',
      'kind: Service\nmetadata: {name: web}',
      'kind: Service\nmetadata: {name: "../../etc/passwd", namespace: "..\\\\x"}',
      'kind: VirtualService\nmetadata: {name: "<img src=x onerror=alert(1)>"}',
      'just: a map',
      '# only a comment',
      '',
    ].join('\n---\n');
    const names = filesOf(text).map((file) => file.name);
    expect(names).toEqual([
      'service-default-web.yaml',
      'service-default-web-2.yaml',
      'service-x-etc-passwd.yaml',
      'virtualservice-default-img-src-x-onerror-alert-1.yaml',
      'document-5.yaml',
    ]);
    for (const name of names) expect(name).toMatch(/^[a-z0-9][a-z0-9.-]*\.yaml$/);
  });

  it('given entries, then the zip holds each file with its text', () => {
    const files = filesOf(seed);
    const zip = zipEntries(files, new Date('2026-01-02T03:04:05Z'));
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped)).toEqual(files.map((file) => file.name));
    for (const file of files)
      expect(strFromU8(unzipped[file.name] ?? new Uint8Array())).toBe(file.text);
  });
});
